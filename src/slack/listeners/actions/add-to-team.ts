import type { TeamChangeResult } from '../../../domain/org-service';
import type { ListenerDeps } from '../deps';

/**
 * "Alice reports to me" from a prep card or a nudge. Deliberately the very path App Home's "My team" add takes
 * (OrgService.addReports, with its refusals and audit event): when the rules for setting a reporting line change
 * there, these buttons follow without a second copy of them.
 */
export function addToMyTeam(deps: Pick<ListenerDeps, 'org'>, managerId: string, reportId: string): Promise<TeamChangeResult> {
  return deps.org.addReports(managerId, [reportId]);
}
