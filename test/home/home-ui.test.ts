import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { projectRoot } from '../../src/project-root';
import { homeView } from '../../src/slack/ui/home-view';
import { settingsModal } from '../../src/slack/ui/settings-modal';
import { teamModal, teamChangeText } from '../../src/slack/ui/home-team-modal';
import { coachHelp } from '../../src/slack/ui/coach-help';
import { homeNoticeModal } from '../../src/slack/ui/home-notice';
import { adminLevelModal } from '../../src/slack/ui/settings-admin-level';
import { readHomeMetadata } from '../../src/slack/ui/home-ids';
import type { HomeModel, TeamMemberView } from '../../src/domain/home';
import type { Person } from '../../src/domain/people';
import { blockProblems } from './block-limits';

function person(id: string, extra: Partial<Person> = {}): Person {
  return {
    id, teamId: 'T1', name: id.toLowerCase(), realName: id, tz: 'Europe/London', isBot: false, deleted: false, statusText: '',
    statusEmoji: '', cadenceDays: 14, nudgeDay: 1, nudgeHour: 9, nudgesPaused: false, createdAt: 0, updatedAt: 0, ...extra,
  };
}

function member(i: number): TeamMemberView {
  return {
    person: person(`UR${i}`), lastOneOnOne: '2026-11-01',
    cadence: { state: 'overdue', cadenceDays: 14, daysSince: 24, overdueBy: 10, dueOn: '2026-11-15' },
    openActionItems: i % 3, kudosReceived30d: i % 2,
  };
}

/** The largest model the view can be given: full page, long tip, five long kudos, goals and the admin part. */
function worstCase(): HomeModel {
  const long = 'word '.repeat(900);
  return {
    viewer: person('UME', { nudgesPaused: true }), today: '2026-11-25', isManager: true,
    level: { level: 'mid-level', source: 'admin', inferred: 'frontline' },
    manager: person('UBOSS'),
    team: {
      total: 150, page: 3, pageCount: 8, pageSize: 20, cadenceDays: 14,
      counts: { overdue: 150, first: 0, 'due-soon': 0, 'on-track': 0 },
      members: Array.from({ length: 20 }, (_, i) => member(i)),
    },
    tip: { id: 't', title: 'A tip', body: long, ask: [], reflect: [], topic: 'feedback', level: 'mid-level' },
    recognition: {
      receivedSince: 5, givenSince: 1, receivedTotal: 50, givenTotal: 9, givers: new Map(),
      latestReceived: Array.from({ length: 5 }, (_, i) => ({ id: i, giverId: 'UG', value: 'Craft <b>', message: `${long} <!channel> <@UME>`, at: 0 })),
    },
    goals: Array.from({ length: 12 }, (_, i) => ({ title: `Goal ${i} ${long}`, status: 'on track' })),
    admin: {
      orgSize: 10000, managers: 1500, managersByLevel: { frontline: 1200, 'mid-level': 250, executive: 50 },
      withoutManager: { count: 40, sample: Array.from({ length: 10 }, (_, i) => person(`UX${i}`)) },
    },
  };
}

describe('App Home and settings Block Kit', () => {
  it('the worst case stays within every Block Kit limit, and user text cannot ping a channel', () => {
    const view = homeView(worstCase(), { page: 3 });
    expect(blockProblems(view, 'home')).toEqual([]);
    const text = JSON.stringify(view);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('Craft &lt;b&gt;');
    expect(text).toContain('Showing 61–80 of 150 · page 4 of 8');
    expect(readHomeMetadata(view.private_metadata).page).toBe(3);
  });

  it('every team row has Prep, Log 1:1, Give kudos and a remove menu carrying the report id', () => {
    const view = homeView(worstCase());
    const row = view.blocks.find((b) => b.block_id === 'home_member_actions_UR4') as { elements: Array<{ action_id: string; value?: string }> };
    expect(row.elements.map((e) => [e.action_id, e.value])).toEqual([
      ['home_prep', 'UR4'], ['home_log_1on1', 'UR4'], ['home_give_kudos', 'UR4'], ['home_report_menu', undefined],
    ]);
  });

  it('modals, help and notices stay within limits', () => {
    const settings = settingsModal({
      level: { level: 'executive', source: 'self', inferred: 'mid-level' }, cadenceDays: 21, nudgeDay: 7, nudgeHour: 23, nudgesPaused: false, tz: 'America/Argentina/Buenos_Aires',
    });
    expect(blockProblems(settings, 'modal')).toEqual([]);
    expect(blockProblems(teamModal({ teamSize: 150, page: 2 }), 'modal')).toEqual([]);
    expect(blockProblems(adminLevelModal(), 'modal')).toEqual([]);
    expect(blockProblems(homeNoticeModal('A title that is far too long for Slack', 'x'.repeat(5000)), 'modal')).toEqual([]);
    expect(blockProblems(coachHelp({ isAdmin: true }), 'message')).toEqual([]);
  });

  it('help names every slash command and shortcut in manifest.yml', () => {
    const manifest = YAML.parse(fs.readFileSync(path.join(projectRoot(), 'manifest.yml'), 'utf8')) as {
      features: { slash_commands: Array<{ command: string }>; shortcuts: Array<{ name: string }> };
    };
    const text = JSON.stringify(coachHelp());
    for (const c of manifest.features.slash_commands) expect(text).toContain(`\`${c.command}`);
    for (const s of manifest.features.shortcuts) expect(text).toContain(s.name);
  });

  it('help lists every command', () => {
    const text = JSON.stringify(coachHelp());
    for (const c of ['/oneonone @person', '/oneonone log', '/oneonone history', '/kudos @person', '/kudos stats', '/coach tip', '/coach level', '/coach settings', '/coach nudges', '/coach report']) {
      expect(text).toContain(c);
    }
    expect(JSON.stringify(coachHelp())).not.toContain('Admin');
  });

  it('says who joined, who was asked, who moved from whom and who was refused', () => {
    const text = teamChangeText({
      added: [person('UA'), person('UB')], removed: [person('UC')],
      requested: [{ personId: 'UD', askedIds: ['UOLD2', 'UD'] }],
      movedFrom: [{ personId: 'UB', previousManagerId: 'UOLD' }],
      refused: [{ id: 'UBOT', name: 'bot', reason: 'apps and bots cannot be on a team' }],
    });
    expect(text).toBe(
      'Added <@UA>, <@UB> to your team. <@UB> moved to you from <@UOLD>, who has been told. ' +
        'Asked <@UOLD2> or <@UD> to confirm that <@UD> reports to you; they join your team once someone confirms. ' +
        'Removed <@UC>. Not added <@UBOT>: apps and bots cannot be on a team.',
    );
  });
});
