import { DAY, type Fixture } from './org-fixture';

/**
 * Independent computation of the report figures straight from the generated rows, written without
 * the app's SQL or domain code, following the definitions in src/domain/report.ts.
 */

const WINDOW = 84 * DAY;

export interface Expected {
  reports: number;
  withinCadence: number;
  held: number;
  expected: number;
  medianGapDays: number | undefined;
  kudosGiven: number;
  recognisedByManager: number;
  received: number;
  recognised30: number;
  per100PerWeek: number;
  nudgesSent: number;
  nudgesActed: number;
}

function medianOf(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1]! + s[h]!) / 2;
}

export function expectedFor(fx: Fixture, managerIds: readonly string[]): Expected {
  const now = fx.now;
  const from = now - WINDOW;
  const byId = new Map(fx.people.map((p) => [p.id, p]));
  const active = (id: string) => {
    const p = byId.get(id);
    return p !== undefined && !p.deleted && !p.bot;
  };
  let reports = 0, withinCadence = 0, held = 0, expected = 0, kudosGiven = 0, recognisedByManager = 0, received = 0, recognised30 = 0, sent = 0, acted = 0;
  const gaps: number[] = [];
  for (const m of managerIds) {
    const team = fx.people.filter((p) => p.managerId === m && active(p.id));
    if (team.length === 0) continue;
    const cadence = byId.get(m)!.cadence;
    reports += team.length;
    expected += (team.length * 84) / cadence;
    kudosGiven += fx.kudos.filter((k) => k.giverId === m && k.at >= from && k.at < now).length;
    for (const r of team) {
      const pair = fx.oneOnOnes.filter((o) => o.managerId === m && o.reportId === r.id).sort((a, b) => a.heldAt - b.heldAt);
      const last = pair.filter((o) => o.heldAt <= now).at(-1);
      if (last && now - last.heldAt <= cadence * DAY) withinCadence += 1;
      pair.forEach((o, i) => {
        if (o.heldAt < from || o.heldAt >= now) return;
        held += 1;
        if (i > 0) gaps.push((o.heldAt - pair[i - 1]!.heldAt) / DAY);
      });
      const got = fx.kudos.filter((k) => k.at >= from && k.at < now && k.recipients.includes(r.id));
      received += got.length;
      if (got.some((k) => k.giverId === m)) recognisedByManager += 1;
      if (got.some((k) => k.at >= now - 30 * DAY)) recognised30 += 1;
    }
    const mine = fx.nudges.filter((n) => n.personId === m && n.status === 'sent' && n.dueAt >= from && n.dueAt < now);
    sent += mine.length;
    acted += mine.filter((n) => fx.events.some((e) => e.kind === 'nudge.acted' && e.refId === n.id)).length;
  }
  return {
    reports, withinCadence, held, expected, medianGapDays: medianOf(gaps), kudosGiven, recognisedByManager, received, recognised30,
    per100PerWeek: reports === 0 ? 0 : (received / reports / 12) * 100, nudgesSent: sent, nudgesActed: acted,
  };
}

/** Managers below a person (not the person), by walking the generated manager lines. */
export function managersBelow(fx: Fixture, id: string): string[] {
  const out: string[] = [];
  const visit = (m: string) => {
    for (const p of fx.people.filter((q) => q.managerId === m && !q.deleted && !q.bot)) {
      if (fx.people.some((q) => q.managerId === p.id && !q.deleted && !q.bot)) out.push(p.id);
      visit(p.id);
    }
  };
  visit(id);
  return out;
}
