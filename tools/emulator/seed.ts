import { DateTime } from 'luxon';
import type { Emulator } from './index';
import type { Leadwell } from '../../src/main';
import type { Clock } from '../../src/domain/ports';

/** One person of the demo organisation, as the playground's "who are you" picker shows them. */
export interface DemoPerson {
  id: string;
  name: string;
  realName: string;
  title: string;
  tz: string;
  managerId?: string;
}

export interface DemoOrg {
  people: DemoPerson[];
  kudosChannel: string;
  generalChannel: string;
  adminId: string;
  /** Who the page picks first: Tom, a frontline manager with history to show (Zoe reports to him: README's `/oneonone @zoe`). */
  defaultUserId: string;
}

interface PersonSeed {
  name: string;
  realName: string;
  title: string;
  tz: string;
  manager?: string;
}

// An executive, two directors (mid-level), four engineering managers (frontline) and their teams,
// spread over time zones so nudges land at different local hours.
const PEOPLE: PersonSeed[] = [
  { name: 'elena', realName: 'Elena Ruiz', title: 'VP Engineering', tz: 'Europe/London' },
  { name: 'hana', realName: 'Hana Kim', title: 'People Partner (admin)', tz: 'UTC', manager: 'elena' },
  { name: 'marcus', realName: 'Marcus Chen', title: 'Director, Product Engineering', tz: 'America/New_York', manager: 'elena' },
  { name: 'sofia', realName: 'Sofia Rossi', title: 'Director, Platform', tz: 'Europe/Berlin', manager: 'elena' },
  { name: 'priya', realName: 'Priya Patel', title: 'Engineering Manager, Checkout', tz: 'Asia/Kolkata', manager: 'marcus' },
  { name: 'tom', realName: 'Tom Becker', title: 'Engineering Manager, Search', tz: 'America/Chicago', manager: 'marcus' },
  { name: 'kenji', realName: 'Kenji Sato', title: 'Engineering Manager, Infra', tz: 'Asia/Tokyo', manager: 'sofia' },
  { name: 'amara', realName: 'Amara Okafor', title: 'Engineering Manager, Data', tz: 'Africa/Lagos', manager: 'sofia' },
  { name: 'liam', realName: 'Liam Walsh', title: 'Software Engineer', tz: 'Asia/Kolkata', manager: 'priya' },
  { name: 'noah', realName: 'Noah Schmidt', title: 'Senior Engineer', tz: 'Europe/Berlin', manager: 'priya' },
  { name: 'zoe', realName: 'Zoe Martin', title: 'Software Engineer', tz: 'America/Chicago', manager: 'tom' },
  { name: 'ava', realName: 'Ava Johnson', title: 'Designer', tz: 'America/Los_Angeles', manager: 'tom' },
  { name: 'lucas', realName: 'Lucas Silva', title: 'Site Reliability Engineer', tz: 'America/Sao_Paulo', manager: 'kenji' },
  { name: 'mia', realName: 'Mia Tanaka', title: 'Software Engineer', tz: 'Asia/Tokyo', manager: 'kenji' },
  { name: 'omar', realName: 'Omar Haddad', title: 'Data Engineer', tz: 'Africa/Lagos', manager: 'amara' },
];

/** The Slack side of the demo: people and channels in the emulator (Leadwell learns them through users.info). */
export function seedSlack(emulator: Emulator): DemoOrg {
  const ids = new Map<string, string>();
  for (const p of PEOPLE) {
    const user = emulator.addUser({ name: p.name, realName: p.realName, email: `${p.name}@example.com`, tz: p.tz });
    ids.set(p.name, user.id);
  }
  const people = PEOPLE.map((p) => ({
    id: ids.get(p.name) as string,
    name: p.name,
    realName: p.realName,
    title: p.title,
    tz: p.tz,
    managerId: p.manager ? ids.get(p.manager) : undefined,
  }));
  const general = emulator.addChannel({ name: 'general' });
  const kudos = emulator.addChannel({ name: 'kudos' });
  const id = (name: string) => ids.get(name) as string;
  emulator.postAs(id('elena'), general.id, 'Welcome to the Leadwell playground :wave: Pick who you are in the top bar and try `/oneonone`, `/kudos`, `/coach` or `/goal`.');
  emulator.postAs(id('liam'), general.id, 'The checkout retry fix is live: failed payments are down 40% since Friday.');
  emulator.postAs(id('zoe'), general.id, 'I wrote up how we debug flaky search tests, in the team wiki under *Testing*.');
  return { people, kudosChannel: kudos.id, generalChannel: general.id, adminId: id('hana'), defaultUserId: id('tom') };
}

/**
 * The Leadwell side: the org chart (through the people service, as App Home edits do), a few past 1:1s with
 * open action items and a few kudos, so prep cards and the Home tab have something to show.
 */
export async function seedLeadwell(leadwell: Leadwell, org: DemoOrg, clock: Clock): Promise<void> {
  const { people, oneOnOnes, kudos, outbox } = leadwell.slack.deps;
  for (const p of org.people) await people.ensure(p.id);
  for (const p of org.people) if (p.managerId) await people.repository.setManager(p.id, p.managerId, clock.now());
  const id = (name: string) => (org.people.find((p) => p.name === name) as DemoPerson).id;
  const daysAgo = (managerName: string, days: number) => {
    const tz = (org.people.find((p) => p.name === managerName) as DemoPerson).tz;
    return DateTime.fromMillis(clock.now(), { zone: tz }).minus({ days }).toISODate() as string;
  };
  const log = async (manager: string, report: string, days: number, notes: string, items: Array<[string, string]>) => {
    const result = await oneOnOnes.submitLog(
      id(manager),
      {
        reportId: id(report),
        heldOn: daysAgo(manager, days),
        notes,
        items: items.map(([owner, text], row) => ({ row, ownerId: id(owner), text })),
        doneItemIds: [],
        energy: 4,
        careerTalk: false,
        sendSummary: false,
      },
      `seed-${manager}-${report}-${days}`,
    );
    if (!result.ok) throw new Error(`demo 1:1 ${manager}/${report} refused: ${JSON.stringify(result.errors)}`);
  };
  // Half a year of earlier 1:1s, older than the ones below, so the dashboard's cadence charts have a history.
  for (const [i, p] of org.people.entries()) {
    const manager = org.people.find((m) => m.id === p.managerId);
    if (!manager) continue;
    const step = 10 + (i % 3) * 7;
    for (let days = 35 + (i % 4), k = 0; days < 170; days += step, k += 1) {
      if ((k + i) % 5 !== 0) await log(manager.name, p.name, days, 'Earlier 1:1 (demo history).', []);
    }
  }
  await log('priya', 'liam', 9, 'Liam wants more ownership of the payments roadmap. Talked about on-call load.', [
    ['liam', 'Draft the retry-policy RFC'],
    ['priya', 'Ask Marcus about the payments roadmap review slot'],
  ]);
  await log('tom', 'zoe', 20, 'Zoe is keen on mentoring. Flaky tests are draining the team.', [['zoe', 'Write up the flaky-test playbook']]);
  await log('marcus', 'priya', 12, 'Hiring plan for Q1; Priya is stretched across two projects.', [['marcus', 'Find budget for a contractor']]);
  await log('sofia', 'kenji', 5, 'Kenji is preparing the infra cost review.', []);
  const give = async (giver: string, to: string[], value: string, message: string) => {
    const given = await kudos.give({ giverId: id(giver), recipientIds: to.map(id), value, message, messageIsEscaped: false, postInChannel: true, requestKey: `seed-${giver}-${to.join('-')}` });
    await outbox.deliverNow({ group: kudos.group(given.kudos) }, 10_000);
  };
  await give('priya', ['liam'], 'Ownership', 'Shipped the checkout retry fix over the weekend and wrote a clear incident note.');
  await give('zoe', ['ava'], 'Teamwork', 'Paired with me on the search results redesign until the edge cases made sense.');
  await give('elena', ['sofia', 'kenji'], 'Craft', 'The infra cost review was the clearest doc I read this quarter.');
}
