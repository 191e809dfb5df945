import type { KnownBlock } from '@slack/types';
import type { WelcomeRole } from '../../domain/welcome';
import { nudgeLine } from './home-format';

/** "Got it" under the welcome: it goes away for good. */
export const HOME_WELCOME_DISMISS_ACTION = 'home_welcome_dismiss';

interface WelcomeWords {
  title: string;
  what: string;
  steps: [string, string, string];
  pause: string;
}

function words(role: WelcomeRole, nudge: string): WelcomeWords {
  const pauseNudges = `One nudge a week (${nudge}). To pause it, press *Pause nudges* under Settings below or type \`/coach nudges off\`.`;
  switch (role) {
    case 'manager':
      return {
        title: 'Welcome to Leadwell',
        what: 'Leadwell coaches you as a manager, inside Slack: a prep card before each 1:1 with questions for your level, a private place for your notes, and one nudge a week about the 1:1s and recognition that are due.',
        steps: [
          'Before your next 1:1, type `/oneonone @name`: you get a private prep card.',
          'Press *Add my team* (or *Add or remove people*) below, so Leadwell tracks your 1:1 cadence.',
          'Recognise good work with `/kudos @name` or the *Give kudos* button.',
        ],
        pause: pauseNudges,
      };
    case 'report':
      return {
        title: 'Welcome to Leadwell',
        what: "Leadwell helps your manager run good 1:1s and helps everyone recognise good work. Your manager's 1:1 notes stay private to them; you may get an agenda before a 1:1, a summary after it, and once a month one anonymous question about how your manager is doing.",
        steps: [
          'Recognise a colleague with `/kudos @name` or the *Give kudos* button below.',
          'Check that *My manager* below is right; if not, ask your manager to add you from their Home tab.',
          'Write down a goal with `/goal`, and choose who can see it.',
        ],
        pause: 'Leadwell sends you no weekly nudge unless you manage people. If you start to, `/coach nudges off` pauses it at any time.',
      };
    case 'installer':
    case 'admin':
      return {
        title: role === 'installer' ? 'Leadwell is installed' : "Welcome to Leadwell: you're an admin",
        what:
          (role === 'installer' ? 'Nobody has been messaged: people meet Leadwell when they open this tab or use a command. ' : '') +
          'Leadwell coaches each manager for their level (frontline, mid-level, executive) and shows you how 1:1 and recognition habits are growing, without note text or individual answers.',
        steps: [
          'Import the org chart (`npm run org:import -- people.csv`), or let managers add their teams from their Home tab.',
          "Check *Managers by level* below and use *Set someone's level* where the org chart is wrong.",
          'Tell your managers about `/oneonone @name`; see the figures any time with `/coach report`.',
        ],
        pause: `Everyone pauses their own nudges: *Pause nudges* under Settings or \`/coach nudges off\`. Your own: ${nudge}.`,
      };
  }
}

/** The welcome at the top of App Home: what Leadwell does for this person, three first steps, how to pause. */
export function welcomeBlocks(role: WelcomeRole, viewer: { id: string; nudgeDay: number; nudgeHour: number; nudgesPaused: boolean; tz: string }): KnownBlock[] {
  const w = words(role, nudgeLine(viewer));
  const steps = w.steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
  return [
    { type: 'header', text: { type: 'plain_text', text: w.title } },
    { type: 'section', text: { type: 'mrkdwn', text: w.what } },
    { type: 'section', text: { type: 'mrkdwn', text: `*Three first steps*\n${steps}` } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: w.pause }] },
    {
      type: 'actions',
      block_id: 'home_welcome',
      elements: [{ type: 'button', action_id: HOME_WELCOME_DISMISS_ACTION, text: { type: 'plain_text', text: 'Got it' }, value: 'dismiss' }],
    },
    { type: 'divider' },
  ];
}
