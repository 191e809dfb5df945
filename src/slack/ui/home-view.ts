import type { HomeView, KnownBlock } from '@slack/types';
import type { AdminView, HomeModel } from '../../domain/home';
import { LEVEL_LABELS } from '../../domain/levels';
import { LEVELS } from '../../domain/ports';
import { renderMessage } from '../../domain/kudos';
import { cadenceLabel, dateAt, levelLine, nudgeLine, truncate } from './home-format';
import { HOME_KUDOS_ACTION, HOME_NUDGES_TOGGLE_ACTION, HOME_SETTINGS_ACTION, type HomeMetadata } from './home-ids';
import { noTeamSection, teamSection } from './home-team';
import { goalsHomeBlocks } from './goal-home-blocks';
import { ADMIN_LEVEL_ACTION } from './settings-admin-level';
import { tipExtras } from './tip-message';
import { welcomeBlocks } from './home-welcome';
import { LEVEL_GROUP_LABELS } from './words';

export const HOME_MAX_BLOCKS = 100;
const escapeMrkdwn = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const divider: KnownBlock = { type: 'divider' };
const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text } });
const mrkdwn = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, 3000) }] });

function tipBlocks(m: HomeModel): KnownBlock[] {
  if (!m.tip) return [];
  return [
    header(`This week's tip for ${LEVEL_GROUP_LABELS[m.level.level].toLowerCase().replace(/ \(.*\)$/, '')}`),
    mrkdwn([`*${m.tip.title}*`, tipExtras(m.tip), m.tip.body].filter(Boolean).join('\n')),
    context('A new tip every week, chosen for your level. `/coach tip` any time for another one.'),
  ];
}

/** Kudos is the same word for one and many; zero reads as words, not "received 0 and gave 0". */
function recognitionSummary(r: HomeModel['recognition']): string {
  if (r.receivedTotal === 0 && r.givenTotal === 0) return 'No kudos received or given yet.';
  const recent = r.receivedSince === 0 && r.givenSince === 0
    ? 'Last 30 days: none received or given.'
    : `Last 30 days: you received *${r.receivedSince}* and gave *${r.givenSince}* kudos.`;
  return `${recent}\nAll time: ${r.receivedTotal} received · ${r.givenTotal} given.`;
}

function recognitionBlocks(m: HomeModel): KnownBlock[] {
  const r = m.recognition;
  const blocks: KnownBlock[] = [
    header('Recognition'),
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: recognitionSummary(r),
      },
      accessory: { type: 'button', action_id: HOME_KUDOS_ACTION, text: { type: 'plain_text', text: 'Give kudos' }, value: 'anyone', style: 'primary' },
    },
  ];
  if (r.latestReceived.length === 0) {
    blocks.push(context('No kudos received yet. Recognition is contagious: giving some is the best way to start.'));
    return blocks;
  }
  for (const k of r.latestReceived) {
    const quote = renderMessage(truncate(k.message, 600)).split('\n').map((l) => `> ${l}`).join('\n');
    const work = k.permalink ? ` · <${k.permalink}|the work>` : '';
    blocks.push(mrkdwn(`${quote}\n— <@${k.giverId}> · _${escapeMrkdwn(truncate(k.value, 60))}_ · ${dateAt(k.at, m.viewer.tz, m.today)}${work}`));
  }
  return blocks;
}

function aboutMeBlocks(m: HomeModel): KnownBlock[] {
  const lines = [m.manager ? `*My manager:* <@${m.manager.id}>` : '*My manager:* not on record yet — ask your manager to add you from their Leadwell Home, or your HR admin to import the org chart.'];
  if (m.goals && m.goals.length > 0) {
    lines.push('', '*My goals*', ...m.goals.slice(0, 10).map((g) => `• ${escapeMrkdwn(truncate(g.title, 200))}${g.status ? ` — _${escapeMrkdwn(g.status)}_` : ''}${g.dueOn ? ` (due ${g.dueOn})` : ''}`));
  }
  return [mrkdwn(lines.join('\n'))];
}

function settingsBlocks(m: HomeModel): KnownBlock[] {
  const v = m.viewer;
  const fields = [
    `*Level*\n${m.isManager || m.level.source !== 'inferred' ? levelLine(m.level) : '_not a manager yet_'}`,
    `*1:1 cadence target*\n${cadenceLabel(v.cadenceDays)}`,
    `*Weekly nudge*\n${nudgeLine(v)}`,
  ];
  return [
    header('Settings'),
    { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn' as const, text })) },
    {
      type: 'actions',
      block_id: 'home_settings',
      elements: [
        { type: 'button', action_id: HOME_SETTINGS_ACTION, text: { type: 'plain_text', text: 'Edit settings' }, value: 'open' },
        {
          type: 'button',
          action_id: HOME_NUDGES_TOGGLE_ACTION,
          text: { type: 'plain_text', text: v.nudgesPaused ? 'Resume nudges' : 'Pause nudges' },
          value: v.nudgesPaused ? 'resume' : 'pause',
        },
      ],
    },
  ];
}

/** Data and privacy for admins: what is kept and for how long, where the audit trail is. */
function retentionBlock(lines: readonly string[]): KnownBlock {
  const text = `*Data kept*\n${lines.map((l) => `• ${l}`).join('\n')}\n1:1 notes are encrypted at rest. \`/coach audit\` shows who did what; people get their own data with \`/coach my data\`.`;
  return mrkdwn(text);
}

function adminBlocks(a: AdminView): KnownBlock[] {
  const byLevel = LEVELS.map((l) => `${LEVEL_LABELS[l].split(' (')[0]}: *${a.managersByLevel[l]}*`).join(' · ');
  const sample = a.withoutManager.sample.map((p) => `<@${p.id}>`).join(', ');
  const more = a.withoutManager.count - a.withoutManager.sample.length;
  return [
    header('Admin: your organisation'),
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*People*\n${a.orgSize}` },
        { type: 'mrkdwn', text: `*Managers*\n${a.managers}` },
        { type: 'mrkdwn', text: `*Without a manager*\n${a.withoutManager.count}` },
        { type: 'mrkdwn', text: `*Managers by level*\n${byLevel}` },
      ],
    },
    ...(a.withoutManager.count > 0 ? [mrkdwn(`*No manager on record:* ${sample}${more > 0 ? ` and ${more} more` : ''}`)] : []),
    {
      type: 'actions',
      block_id: 'home_admin',
      elements: [{ type: 'button', action_id: ADMIN_LEVEL_ACTION, text: { type: 'plain_text', text: "Set someone's level" }, value: 'open' }],
    },
    context('Reports: type `/coach report` for 1:1 cadence by level, recognition spread and nudge follow-through (CSV export included). Import the org chart with `npm run org:import -- people.csv`.'),
    ...(a.retention ? [retentionBlock(a.retention)] : []),
  ];
}

/** The goals part gets what is left of the 100 blocks; if it must be cut, a last line says where the rest is. */
function goalsBlocks(m: HomeModel, budget: number): KnownBlock[] {
  if (!m.goalsHome || budget < 3) return [];
  const blocks = goalsHomeBlocks(m.goalsHome, m.viewer.id);
  if (blocks.length <= budget) return [divider, ...blocks].slice(0, budget);
  return [divider, ...blocks.slice(0, budget - 2), context('More goals and plans: `/goal list`.')];
}

/** The whole Home tab. Pure: the same model always gives the same view, within Slack's 100 blocks. */
export function homeView(m: HomeModel, meta: HomeMetadata = { page: 0 }): HomeView {
  const blocks: KnownBlock[] = m.welcome ? welcomeBlocks(m.welcome, m.viewer) : [];
  const hello = m.isManager ? `Coaching you as ${levelLine(m.level)}.` : 'Recognition, your manager and your goals, in one place.';
  blocks.push(mrkdwn(`:wave: Hi <@${m.viewer.id}>. ${hello}`));
  if (m.team) blocks.push(...teamSection(m.team, m.today), divider, ...tipBlocks(m));
  else blocks.push(...noTeamSection(), ...tipBlocks(m));
  blocks.push(divider, ...recognitionBlocks(m), divider, ...aboutMeBlocks(m));
  const tail: KnownBlock[] = [divider, ...settingsBlocks(m)];
  if (m.admin) tail.push(divider, ...adminBlocks(m.admin));
  tail.push(context('`/coach` lists every command · `/oneonone @name` preps a 1:1 · `/kudos @name` recognises someone'));
  blocks.push(...goalsBlocks(m, HOME_MAX_BLOCKS - blocks.length - tail.length), ...tail);
  return { type: 'home', private_metadata: JSON.stringify(meta), blocks: blocks.slice(0, HOME_MAX_BLOCKS) };
}
