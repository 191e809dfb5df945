export type StorageErrorCode =
  | 'storage_unwritable'
  | 'storage_newer_than_code'
  | 'storage_migrations_inconsistent'
  | 'storage_unreachable'
  | 'storage_copy_refused'
  | 'storage_wal_busy';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
  ) {
    super(message);
  }
}
