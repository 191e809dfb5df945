import type { Button, KnownBlock } from '@slack/types';
import type { OnboardingDigest, PreparedPerson } from '../../domain/notifier';
import { count, listOf } from './words';
import { escapeMrkdwn } from './one-on-one-format';

/**
 * The weekly nudge for someone who manages (they prep 1:1s, set a level) but has nobody on record as a report:
 * the people they prepared for, each with one click to add them to their team.
 */

export const NUDGE_ADD_TEAM_ACTION = 'nudge_add_to_team';
const ADD_BLOCK_PREFIX = 'nudge_add:';

/** Each person's row has its own block id, so a click can swap that row for a confirmation. */
export function addTeamBlockId(reportId: string): string {
  return `${ADD_BLOCK_PREFIX}${reportId}`;
}

const section = (text: string, accessory?: Button): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text }, ...(accessory ? { accessory } : {}) });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

function addButton(nudgeId: number | undefined, reportId: string): Button {
  // The shape of nudge-message.ts's NudgeButtonValue (short keys), parsed by parseNudgeValue.
  const value = { n: nudgeId, r: reportId };
  return { type: 'button', action_id: NUDGE_ADD_TEAM_ACTION, text: { type: 'plain_text', text: 'Add to my team', emoji: true }, style: 'primary', value: JSON.stringify(value) };
}

function preparedRow(p: PreparedPerson, nudgeId: number | undefined): KnownBlock {
  if (p.managerId) {
    return { ...section(`*<@${p.reportId}>* — reports to <@${p.managerId}> in Leadwell`), block_id: addTeamBlockId(p.reportId) } as KnownBlock;
  }
  return { ...section(`*<@${p.reportId}>* — no manager on record`, addButton(nudgeId, p.reportId)), block_id: addTeamBlockId(p.reportId) } as KnownBlock;
}

export function onboardingBlocks(d: OnboardingDigest): KnownBlock[] {
  const addable = d.prepared.filter((p) => !p.managerId).length;
  const blocks: KnownBlock[] = [];
  if (d.prepared.length > 0) {
    blocks.push(section(":wave: You've been preparing 1:1s, but nobody is on record as reporting to you yet. *Do these people report to you?*"));
    blocks.push(...d.prepared.map((p) => preparedRow(p, d.nudgeId)));
  } else {
    blocks.push(section(":wave: I don't have anyone on record as reporting to you yet, so this week's nudge is short."));
  }
  const ways = [
    ...(addable > 0 ? ['• Press *Add to my team* next to someone above'] : []),
    '• Open the Leadwell *Home* tab and press *Add my team*',
    '• Ask your Leadwell admin to import the org chart',
  ];
  blocks.push(section(`*Add your team* in one of these ways:\n${ways.join('\n')}`));
  blocks.push(context('Once your team is on record, this nudge lists overdue 1:1s against your target, people to recognise and your open action items.'));
  return blocks;
}

export function onboardingText(d: OnboardingDigest): string {
  if (d.prepared.length === 0) return 'Your weekly Leadwell nudge: add your team to get 1:1 and recognition reminders.';
  // Display names are profile text anyone can edit: in the notification text they stay text, never links or pings.
  const names = d.prepared.slice(0, 3).map((p) => escapeMrkdwn(p.name));
  if (d.prepared.length > 3) names.push(count(d.prepared.length - 3, 'other'));
  return `Your weekly Leadwell nudge: you prepared 1:1s for ${listOf(names)}. Add them to your team to track cadence.`;
}
