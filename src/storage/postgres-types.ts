/**
 * How PostgreSQL values come back, identical for `pg` and PGlite, so both engines hand the code what
 * better-sqlite3 does: BIGINT (epoch ms, ids, COUNT(*)) and NUMERIC (SUM of BIGINT) as JavaScript numbers.
 * A value past 2^53 would silently lose precision, so it is an error instead.
 */

export const PG_OID = { INT8: 20, NUMERIC: 1700 } as const;

function toSafeNumber(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || (Number.isInteger(n) && !Number.isSafeInteger(n))) {
    throw new RangeError(`PostgreSQL returned ${text}, which a JavaScript number cannot hold exactly`);
  }
  return n;
}

export const PG_PARSERS: Readonly<Record<number, (text: string) => unknown>> = {
  [PG_OID.INT8]: toSafeNumber,
  [PG_OID.NUMERIC]: toSafeNumber,
};
