import type * as core from './schema';
import type * as later from './schema-goals';
import type * as outbox from './schema-outbox';
import type * as pulse from './schema-pulse';

/** Every table of today's schema (migrations 0001–0017), keyed by its name: Kysely<Database>. */
export interface Database {
  people: core.PeopleTable;
  one_on_ones: core.OneOnOnesTable;
  action_items: core.ActionItemsTable;
  kudos: core.KudosTable;
  kudos_recipients: core.KudosRecipientsTable;
  nudges: core.NudgesTable;
  guidance_seen: core.GuidanceSeenTable;
  events: core.EventsTable;
  slack_deliveries: core.SlackDeliveriesTable;
  workspaces: core.WorkspacesTable;
  settings: core.SettingsTable;
  goals: later.GoalsTable;
  goal_check_ins: later.GoalCheckInsTable;
  development_plans: later.DevelopmentPlansTable;
  plan_next_steps: later.PlanNextStepsTable;
  plan_suggestions: later.PlanSuggestionsTable;
  goal_reminder_opt_outs: later.GoalReminderOptOutsTable;
  pulse_receipts: later.PulseReceiptsTable;
  pulse_responses: later.PulseResponsesTable;
  health_probes: later.HealthProbesTable;
  reporting_line_requests: later.ReportingLineRequestsTable;
  departures: later.DeparturesTable;
  org_goals: later.OrgGoalsTable;
  seen_requests: later.SeenRequestsTable;
  outbox: outbox.OutboxTable;
  pulse_pending: pulse.PulsePendingTable;
  pulse_pool_members: pulse.PulsePoolMembersTable;
}

export type TableName = keyof Database;

export interface TableInfo {
  name: TableName;
  /** Orders a copy deterministically (and keeps the pulse tables in random-key order, never click order). */
  key: readonly string[];
  /** The identity column whose sequence must follow copied ids on PostgreSQL. */
  identity?: 'id';
}

/**
 * All tables, parents before children, so rows can be inserted in this order with foreign keys on
 * (people.manager_id points into people itself: db:copy sets it in a second pass). A test checks this list
 * against both engines' live schema, so a migration that adds a table fails until it is listed here.
 */
export const TABLES = [
  { name: 'people', key: ['id'] },
  { name: 'workspaces', key: ['team_id'] },
  { name: 'settings', key: ['key'] },
  { name: 'slack_deliveries', key: ['delivery_id'] },
  { name: 'one_on_ones', key: ['id'], identity: 'id' },
  { name: 'action_items', key: ['id'], identity: 'id' },
  { name: 'kudos', key: ['id'], identity: 'id' },
  { name: 'kudos_recipients', key: ['kudos_id', 'recipient_id'] },
  { name: 'nudges', key: ['id'], identity: 'id' },
  { name: 'guidance_seen', key: ['id'], identity: 'id' },
  { name: 'events', key: ['id'], identity: 'id' },
  { name: 'goals', key: ['id'], identity: 'id' },
  { name: 'goal_check_ins', key: ['id'], identity: 'id' },
  { name: 'development_plans', key: ['person_id'] },
  { name: 'plan_next_steps', key: ['id'], identity: 'id' },
  { name: 'plan_suggestions', key: ['id'], identity: 'id' },
  { name: 'goal_reminder_opt_outs', key: ['person_id'] },
  { name: 'pulse_receipts', key: ['respondent_hash'] },
  { name: 'pulse_responses', key: ['id'] },
  { name: 'health_probes', key: ['id'], identity: 'id' },
  { name: 'reporting_line_requests', key: ['id'] },
  { name: 'departures', key: ['id'], identity: 'id' },
  { name: 'org_goals', key: ['slot'] },
  { name: 'seen_requests', key: ['request_key'] },
  { name: 'outbox', key: ['id'], identity: 'id' },
  { name: 'pulse_pending', key: ['id'] },
  { name: 'pulse_pool_members', key: ['member_id'] },
] as const satisfies readonly TableInfo[];

// Compile-time completeness: a table in Database but missing from TABLES is a type error here.
type Unlisted = Exclude<TableName, (typeof TABLES)[number]['name']>;
export const TABLES_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;
