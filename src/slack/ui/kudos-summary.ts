import type { KnownBlock } from '@slack/types';
import type { ValuesInActionSummary } from '../../domain/kudos-summary';
import { escapeMrkdwn } from './kudos-post';
import { count } from './words';

const BAR_WIDTH = 12;

function bar(share: number): string {
  const filled = Math.round(share * BAR_WIDTH);
  return '▰'.repeat(filled) + '▱'.repeat(BAR_WIDTH - filled);
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

/**
 * The monthly "values in action" post: values and how widely recognition reached, never names or
 * rankings of people. Values are listed in the company's own order, not sorted by count.
 */
export function valuesInActionMessage(s: ValuesInActionSummary): { text: string; blocks: KnownBlock[] } {
  const text = `Values in action, ${s.label}: ${s.kudosCount} kudos, ${count(s.peopleRecognised, 'person', 'people')} recognised by ${count(s.peopleGiving, 'colleague')}.`;
  if (s.kudosCount === 0) {
    return {
      text,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: `Values in action · ${s.label}`.slice(0, 150) } },
        { type: 'section', text: { type: 'mrkdwn', text: 'No kudos were given last month. Who made your work easier? Tell them with `/kudos`.' } },
      ],
    };
  }
  const lines = s.values.slice(0, 40).map((v) => `\`${bar(v.share)}\` *${escapeMrkdwn(v.value)}* · ${v.count}`);
  if (s.otherCount > 0) lines.push(`_Values no longer in use_ · ${s.otherCount}`);
  const reach = s.reach === undefined ? '' : ` (${pct(s.reach)} of everyone)`;
  return {
    text,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `Values in action · ${s.label}`.slice(0, 150) } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*${s.kudosCount}* kudos · *${s.peopleRecognised}* people recognised${reach} · by *${s.peopleGiving}* colleagues`,
        },
      },
      { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n').slice(0, 3000) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Which values we notice in each other, not who got the most: recognition is not a contest.' }] },
    ],
  };
}
