/**
 * Whether a number can be a row's id. Ids come back from Slack in button values, where anyone can put any
 * number: PostgreSQL refuses a BIGINT parameter past its range (1e20) or with a fraction (error 22003/22P02),
 * where SQLite simply finds no row. A lookup by an id no row can have finds nothing on both engines without
 * asking either, so a tampered button gets "not found" and never a database error.
 */
export function isRowId(id: number): boolean {
  return Number.isSafeInteger(id);
}
