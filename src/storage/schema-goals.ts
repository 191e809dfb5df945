import type { ColumnType, Generated } from 'kysely';

/** Tables from migrations 0002 (goals and development plans), 0003 (pulse), 0004, 0005, 0007 and 0008; see schema.ts. */

type Defaulted<T> = ColumnType<T, T | undefined, T>;
export type GoalStatus = 'on-track' | 'at-risk' | 'off-track' | 'done';

export interface GoalsTable {
  id: Generated<number>;
  owner_id: string;
  kind: 'personal' | 'team';
  visibility: 'private' | 'manager' | 'team';
  title: string;
  why: Defaulted<string>;
  measure: Defaulted<string>;
  due_on: string | null;
  status: Defaulted<GoalStatus>;
  progress: number | null;
  last_check_in_at: number | null;
  archived_at: number | null;
  idempotency_key: string;
  created_at: number;
  updated_at: number;
}

export interface GoalCheckInsTable {
  id: Generated<number>;
  goal_id: number;
  author_id: string;
  status: GoalStatus;
  progress: number | null;
  note: Defaulted<string>;
  idempotency_key: string;
  created_at: number;
}

export interface DevelopmentPlansTable {
  person_id: string;
  strengths: Defaulted<string>;
  areas_to_grow: Defaulted<string>;
  career_direction: Defaulted<string>;
  version: Defaulted<number>;
  updated_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface PlanNextStepsTable {
  id: Generated<number>;
  person_id: string;
  position: number;
  text: string;
  target_on: string | null;
  status: Defaulted<'not-started' | 'in-progress' | 'done'>;
  created_at: number;
  updated_at: number;
}

export interface PlanSuggestionsTable {
  id: Generated<number>;
  person_id: string;
  author_id: string;
  text: string;
  resolved_at: number | null;
  idempotency_key: string;
  created_at: number;
}

export interface GoalReminderOptOutsTable {
  person_id: string;
  opted_out_at: number;
}

/** Holds no time and no link to a response (see migrations/0003_pulse.sql). */
export interface PulseReceiptsTable {
  respondent_hash: string;
  period: string;
  /** 0 while the answer waits in memory for its batch; 1 once written (or discarded unread). */
  released: Defaulted<number>;
}

/** Holds no person id and no time: the period only (docs/adr/0003-pulse-anonymity.md). */
export interface PulseResponsesTable {
  id: string;
  period: string;
  manager_id: string;
  rating: number;
  comment: Defaulted<string>;
}

/** /healthz's writability probe: rows only ever exist inside a rolled-back transaction. */
export interface HealthProbesTable {
  id: Generated<number>;
  pad: Buffer;
}

export interface ReportingLineRequestsTable {
  id: string;
  person_id: string;
  from_manager_id: string | null;
  to_manager_id: string;
  requested_by: string;
  via: string;
  status: Defaulted<'pending' | 'confirmed' | 'declined' | 'expired' | 'cancelled'>;
  decided_by: string | null;
  created_at: number;
  expires_at: number;
  decided_at: number | null;
}

export interface DeparturesTable {
  id: Generated<number>;
  person_id: string;
  left_at: number;
  manager_id: string | null;
  manager_chain: Defaulted<string>;
  role: 'individual' | 'frontline' | 'mid-level' | 'executive';
  manager_level: 'frontline' | 'mid-level' | 'executive' | null;
  source: 'slack' | 'org-import';
  regretted: 0 | 1 | null;
  marked_by: string | null;
  marked_at: number | null;
  rejoined_at: number | null;
  created_at: number;
}

export interface OrgGoalsTable {
  slot: number;
  metric: string;
  target: number;
  deadline: string;
  baseline: number | null;
  set_by: string;
  set_at: number;
}

export interface SeenRequestsTable {
  request_key: string;
  expires_at: number;
}
