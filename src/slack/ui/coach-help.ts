import type { KnownBlock } from '@slack/types';

/** Every command and shortcut, grouped as people look for them. Others add their lines here when they add a command. */
const SECTIONS: Array<{ title: string; lines: string[] }> = [
  {
    title: ':calendar: 1:1s — `/oneonone`',
    lines: [
      '`/oneonone` — your team, most overdue first',
      '`/oneonone @person` — private prep card: questions for your level, open action items, recent recognition',
      '`/oneonone log @person` — log a 1:1 after it happened (notes stay private to you)',
      '`/oneonone history @person` — your last 1:1s with them',
      '`/oneonone help` — more about 1:1s',
    ],
  },
  {
    title: ':tada: Recognition — `/kudos`',
    lines: [
      '`/kudos @person message #value` — recognise someone, tied to a company value',
      '`/kudos stats` — recognition you gave and received',
      '*Give kudos* shortcut (⚡ menu) or *Give kudos for this* on any message',
    ],
  },
  {
    title: ':dart: Goals — `/goal`',
    lines: [
      '`/goal` — set a goal (what, why it matters, how you will know it is done)',
      '`/goal update` — check in on a goal',
      '`/goal list` — your goals; `/goal plan` — your development plan',
      '`/goal reminders on|off` — goal check-in reminders; `/goal help` — more about goals',
    ],
  },
  {
    title: ':compass: Coaching — `/coach`',
    lines: [
      '`/coach tip [topic]` — a tip for your level, any time',
      '`/coach level` — see your level; `/coach level frontline|mid-level|executive|auto` to change it',
      '`/coach settings` — level, 1:1 cadence target, nudge day and hour, pause',
      '`/coach nudges off|on` — pause or resume your weekly nudge',
      '`/coach nudges day tuesday 8` — its working day and hour (your time zone); `/coach nudge preview` — see this week\'s',
      '`/coach report` — your team over 12 weeks: 1:1 cadence, recognition spread, nudges acted on, your pulse; `/coach report @manager` for a manager below you; `/coach report export` — CSV to your DM',
      '`/coach my data` — a file of everything Leadwell holds about you, in your DM',
      '`/coach help` — this list',
    ],
  },
];

export function coachHelp(options: { isAdmin?: boolean } = {}): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: '*Leadwell* helps you lead: 1:1 prep, recognition and a weekly nudge, coached for your level.' } },
    ...SECTIONS.map((s): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: `*${s.title}*\n${s.lines.map((l) => `• ${l}`).join('\n')}` } })),
  ];
  if (options.isAdmin) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '*Admin*\n• `/coach level @person executive` — set someone\'s level (`auto` clears it)\n• Org chart import: `npm run org:import -- people.csv` (dry run), then `--apply`\n• `/coach report` — the organisation by level; `/coach report pulse every 1|2|3|6|12|off` — how often the pulse goes out (answers kept without names, written only in shuffled groups, shown only above the threshold)\n• `npm run report -- --csv` — the export from the command line\n• `/coach goals` — up to three organisation goals for leadership habits; `/coach departures` — leavers of the last 12 months, to mark as regretted (private to admins)\n• `/coach audit` — who did what (levels, reporting lines, reports, exports, erasures, keys, backups); `/coach audit export` — as CSV\n• `/coach status` — messages Leadwell is sending on its own, how long the oldest waits, and the last failures (with Retry)' } });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Open the *Home* tab of Leadwell for your team at a glance.' }] });
  return { text: 'Leadwell commands: /oneonone, /kudos, /goal and /coach (tip, level, settings, nudges, report).', blocks };
}
