/** The pulse's shared pending pool (migration 0015); see src/storage/pulse-pending.ts. No person, no time. */
export interface PulsePendingTable {
  id: string;
  period: string;
  manager_id: string;
  pool_key: string;
  sealed: string;
}

/** Running instances sharing the pool key (src/storage/pulse-pool-key.ts). */
export interface PulsePoolMembersTable {
  member_id: string;
  public_key: string;
  pool_key: string | null;
  wrapped: string | null;
  seen_at: number;
}
