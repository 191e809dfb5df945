import type { Clock } from '../domain/ports';
import type { NudgeDigest } from '../domain/notifier';
import type { ExecutiveDigest } from '../domain/leadership/executive';
import type { PulsePrompt } from '../domain/pulse-ports';
import type { GoalView } from '../domain/goal';
import type { KudosOutcome } from '../domain/kudos-outbox';
import type { ValuesInActionSummary } from '../domain/kudos-summary';
import { KUDOS_CONFIRM, KUDOS_POST, KUDOS_RECIPIENT, KUDOS_SUMMARY } from '../domain/kudos-outbox';
import { WEEKLY_KIND } from '../domain/nudge-planner';
import { EXECUTIVE_KIND } from '../domain/leadership/executive-schedule';
import { PULSE_KIND } from '../domain/pulse';
import { GOAL_REMINDER_KIND } from '../domain/goal-reminders';
import { nudgeMessage } from './ui/nudge-message';
import { executiveDigestMessage } from './ui/executive-digest';
import { pulseMessage } from './ui/pulse-message';
import { goalReminderMessage } from './ui/goal-reminder';
import { kudosChannelLabel, kudosChannelPost, kudosRecipientDm, type KudosPostModel } from './ui/kudos-post';
import { kudosConfirmation } from './ui/kudos-replies';
import { valuesInActionMessage } from './ui/kudos-summary';
import type { OutboxRenderer, Rendered } from './outbox-transport';

/** Kinds planned from listeners with their message already built by a ui/ function (the row's payload is it). */
export const PRERENDERED_KINDS = ['one-on-one.summary', 'one-on-one.agenda', 'reporting-line.ask', 'reporting-line.news', 'reply'] as const;
export type PrerenderedKind = (typeof PRERENDERED_KINDS)[number];

const dm = <T>(render: (model: T) => Rendered): OutboxRenderer => ({ target: 'dm', render: (m) => render(m as T) });

/** Each kind the outbox sends and the ui/ function that draws it. */
export function outboxRenderers(o: { clock: Clock; minGroup: number; minResponses: number; kudosChannel?: string }): Record<string, OutboxRenderer> {
  const prerendered = Object.fromEntries(PRERENDERED_KINDS.map((k) => [k, dm<Rendered>((m) => m)]));
  return {
    [WEEKLY_KIND]: dm<NudgeDigest>((d) => nudgeMessage(d, o.clock.now())),
    [EXECUTIVE_KIND]: dm<ExecutiveDigest>((d) => executiveDigestMessage(d, o.minGroup)),
    [PULSE_KIND]: dm<PulsePrompt>((p) => pulseMessage(p, o.minResponses)),
    [GOAL_REMINDER_KIND]: dm<GoalView[]>((goals) => goalReminderMessage(goals)),
    [KUDOS_POST]: { target: 'channel', render: (m) => kudosChannelPost(m as KudosPostModel) },
    [KUDOS_RECIPIENT]: dm<KudosPostModel>((m) => kudosRecipientDm(m)),
    [KUDOS_CONFIRM]: dm<KudosOutcome>((m) => kudosConfirmation({ ...m, channelLabel: kudosChannelLabel(o.kudosChannel) })),
    [KUDOS_SUMMARY]: { target: 'channel', render: (m) => valuesInActionMessage(m as ValuesInActionSummary) },
    ...prerendered,
  };
}
