import type { OneOnOneRow, PersonData, Row } from './person-data';

/**
 * A person's data as a file. `self` (`/coach my data`): what they are entitled to see — never another
 * person's private notes about them. `hr` (`npm run privacy -- export`): the full data-subject export,
 * with the notes written about them included and marked.
 */
export type ExportAudience = 'self' | 'hr';

export const NOTES_ABOUT_MARK =
  'PRIVATE 1:1 NOTES WRITTEN BY A MANAGER ABOUT THIS PERSON. Leadwell shows these only to the manager who wrote them; they are in this export because it is the full data-subject export for HR. Decide with your legal adviser what to disclose.';

const PULSE =
  'Pulse answers are anonymous by design: Leadwell stores no link between a person and their answer, so none can be exported for a person.';

function asReport(o: OneOnOneRow, personId: string, audience: ExportAudience): Row {
  // The person sees the items shared with them: all of them once the summary was sent, else the ones they own.
  const items = o.summary_sent ? o.items : o.items.filter((i) => i.owner_id === personId);
  const out: Row = { held_on: o.held_on, manager_id: o.manager_id, summary_shared_with_you: o.summary_sent, action_items: items };
  if (audience === 'hr') {
    out.action_items = o.items;
    if (o.notes !== '') out.private_notes_written_about_this_person = { warning: NOTES_ABOUT_MARK, written_by: o.manager_id, text: o.notes };
  }
  return out;
}

function asManager(o: OneOnOneRow): Row {
  return { held_on: o.held_on, report_id: o.report_id, your_private_notes: o.notes, energy: o.energy, career_talk: o.career_talk === 1, action_items: o.items };
}

export function buildPersonExport(data: PersonData, personId: string, audience: ExportAudience, generatedAt: number): Row {
  const notesAbout = audience === 'hr' ? data.oneOnOnesAsReport.filter((o) => o.notes !== '').length : 0;
  return {
    about:
      audience === 'self'
        ? 'Everything Leadwell holds about you that you are entitled to see. Private notes other people wrote are not included: they belong to their writer. Times are UTC.'
        : 'Full data-subject export for HR: every record Leadwell holds about this person, including private notes written about them (marked). Times are UTC.',
    person_id: personId,
    generated_at: new Date(generatedAt).toISOString(),
    audience,
    ...(audience === 'hr' ? { private_notes_about_this_person: notesAbout } : {}),
    profile_and_settings: data.person ?? null,
    goal_reminders_opted_out: data.goalReminderOptOut ?? null,
    goals: data.goals,
    goal_check_ins: data.goalCheckIns,
    development_plan: data.plan ? { ...data.plan, next_steps: data.planNextSteps } : null,
    plan_suggestions: data.planSuggestions,
    kudos_given: data.kudosGiven,
    kudos_received: data.kudosReceived,
    one_on_ones_with_your_manager: data.oneOnOnesAsReport.map((o) => asReport(o, personId, audience)),
    one_on_ones_you_held_as_manager: data.oneOnOnesAsManager.map(asManager),
    reporting_line_requests: data.reportingLineRequests,
    weekly_nudges: data.nudges,
    activity_and_audit_events: data.events,
    pulse: PULSE,
  };
}
