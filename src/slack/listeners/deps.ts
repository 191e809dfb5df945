import type { Clock, GuidanceSource, EventLog } from '../../domain/ports';
import type { PeopleService } from '../../domain/people-service';
import type { WorkspaceService } from '../../domain/workspace-service';
import type { KudosService } from '../../domain/kudos-service';
import type { KudosInsights } from '../../domain/kudos-insights';
import type { OneOnOneService } from '../../domain/one-on-ones-service';
import type { OrgService } from '../../domain/org-service';
import type { LevelService } from '../../domain/levels';
import type { HomeService } from '../../domain/home-service';
import type { SettingsService } from '../../domain/settings-service';
import type { NudgeService } from '../../domain/nudge-service';
import type { GoalService } from '../../domain/goal-service';
import type { DevelopmentPlanService } from '../../domain/development-plan-service';
import type { ReportService } from '../../domain/report-service';
import type { PulseService } from '../../domain/pulse-service';
import type { AuditService } from '../../domain/audit';
import type { PrivacyService } from '../../domain/privacy/privacy-service';
import type { ReportingLineService } from '../../domain/reporting-lines/reporting-line-service';
import type { LeadershipService } from '../../domain/leadership/leadership-service';
import type { OrgGoalService } from '../../domain/leadership/org-goal-service';
import type { DepartureService } from '../../domain/leadership/departures';

/** Settings listeners need from config, without handing them secrets. */
export interface ListenerSettings {
  adminUserIds: readonly string[];
  companyValues: readonly string[];
  kudosChannel?: string;
  kudosDailyCap: number;
}

/** Everything a listener may call. Listeners stay thin: parse → call a service → render → respond. */
export interface ListenerDeps {
  clock: Clock;
  settings: ListenerSettings;
  guidance: GuidanceSource;
  people: PeopleService;
  workspaces: WorkspaceService;
  events: EventLog;
  kudos: KudosService;
  kudosInsights: KudosInsights;
  oneOnOnes: OneOnOneService;
  /** Org chart edits from App Home (add/remove reports), through reportingLines. */
  org: OrgService;
  /** The one way a manager changes: requests, confirmations, removals (audited, people told). */
  reportingLines: ReportingLineService;
  levels: LevelService;
  home: HomeService;
  /** A person's own settings: level, cadence target, nudge day/hour, pause. */
  personalSettings: SettingsService;
  /** Goals and check-ins; visibility is enforced inside. */
  goals: GoalService;
  /** Development plans, co-owned by a person and their manager. */
  plans: DevelopmentPlanService;
  /** Weekly nudges: schedule, pause/snooze, preview, click log. */
  nudges: NudgeService;
  /** Manager-behaviour reports, scoped by who asks. */
  reports: ReportService;
  /** The anonymous upward pulse: answering and its schedule. */
  pulse: PulseService;
  /** Coaching the coaches (issue 21): org goals and departures for admins; absent in older test wiring. */
  leadership?: { service: LeadershipService; goals: OrgGoalService; departures: DepartureService; minGroup: number };
  /** The audit trail: admin and security-relevant actions, recorded and listed for admins. */
  audit: AuditService;
  /** A person's own data export (and erasure, retention: CLI and jobs). */
  privacy: PrivacyService;
  /** What is kept and for how long, in words, for admins. */
  retentionLines: readonly string[];
}
