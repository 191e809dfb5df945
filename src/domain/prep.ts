import type { GuidanceSource, Level, RenderedGuidance, TemplateVars } from './ports';
import type { PairStats } from './one-on-ones';
import type { CadenceStatus } from './cadence';

export const ONE_ON_ONE_TOPIC = 'one-on-one';
export const SITUATIONS = [
  'first-1:1',
  'after-missed',
  'overdue',
  'new-manager',
  'new-report',
  'report-manages-others',
  'career-conversation',
] as const;
export type Situation = (typeof SITUATIONS)[number];

const DAY = 24 * 60 * 60 * 1000;
export const NEW_MANAGER_DAYS = 90;
export const CAREER_GAP_DAYS = 90;
const NEW_REPORT_DAYS = 60;
const NEW_REPORT_MAX_MEETINGS = 3;
export const MIN_QUESTIONS = 3;
export const MAX_QUESTIONS = 5;

export interface SituationFacts {
  now: number;
  stats: PairStats;
  cadence: CadenceStatus;
  managerBecameManagerAt?: number;
  reportManagesPeople: boolean;
}

/** Every situation that applies, most specific first: the first one with content wins. */
export function situationsFor(f: SituationFacts): Situation[] {
  const out: Situation[] = [];
  if (f.stats.count === 0) out.push('first-1:1');
  if (f.cadence.state === 'overdue') {
    // A whole extra cycle gone means at least one meeting was missed, not just late.
    if ((f.cadence.daysSince ?? 0) >= 2 * f.cadence.cadenceDays) out.push('after-missed');
    out.push('overdue');
  }
  if (f.managerBecameManagerAt !== undefined && f.now - f.managerBecameManagerAt < NEW_MANAGER_DAYS * DAY) out.push('new-manager');
  if (f.stats.count > 0 && f.stats.count < NEW_REPORT_MAX_MEETINGS && f.now - (f.stats.firstHeldAt ?? 0) < NEW_REPORT_DAYS * DAY) {
    out.push('new-report');
  }
  if (f.reportManagesPeople) out.push('report-manages-others');
  const careerSince = f.stats.lastCareerAt ?? f.stats.firstHeldAt;
  if (f.stats.count > 0 && careerSince !== undefined && f.now - careerSince >= CAREER_GAP_DAYS * DAY) out.push('career-conversation');
  return out;
}

export interface PickedGuidance {
  guidance: RenderedGuidance;
  /** The situation whose pool it came from; undefined for general 1:1 guidance. */
  situation?: Situation;
  questions: string[];
  /** Every item drawn for this card (the guidance first, then any that topped up the questions). */
  itemIds: string[];
}

export interface PickRequest {
  guidance: GuidanceSource;
  managerId: string;
  level: Level;
  situations: readonly Situation[];
  vars: TemplateVars;
  /** Items the manager just saw: never shown twice in a row. */
  avoid: readonly string[];
}

function drawFresh(req: PickRequest, situation: Situation | undefined, avoid: Set<string>): RenderedGuidance | undefined {
  const query = { personId: req.managerId, level: req.level, topic: ONE_ON_ONE_TOPIC, situation };
  // The source rotates without repeats, so a second draw differs unless the pool holds one item.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const g = req.guidance.next(query, req.vars);
    if (!g) return undefined;
    if (!avoid.has(g.id)) return g;
  }
  return undefined;
}

/**
 * Level-specific guidance for the first situation that has fresh content, then 3–5 questions.
 * The source falls back to general items when a situation has none at this level (and says so
 * in `situation`); the first such fallback is kept rather than drawn again, so rotation is not skipped.
 */
export function pickGuidance(req: PickRequest): PickedGuidance | undefined {
  const avoid = new Set(req.avoid);
  let chosen: { g: RenderedGuidance; situation?: Situation } | undefined;
  let fallback: RenderedGuidance | undefined;
  for (const situation of req.situations) {
    const g = drawFresh(req, situation, avoid);
    if (!g) continue;
    if (g.situation === situation) {
      chosen = { g, situation };
      break;
    }
    fallback ??= g;
  }
  if (!chosen) {
    const g = fallback ?? drawFresh(req, undefined, avoid);
    if (!g) return undefined;
    chosen = { g };
  }
  const { g, situation } = chosen;
  const questions = uniqueQuestions(g.questions);
  const itemIds = [g.id];
  avoid.add(g.id);
  // Top up from general 1:1 guidance at the same level when the item carries too few questions.
  for (let i = 0; i < 3 && questions.length < MIN_QUESTIONS; i += 1) {
    const extra = drawFresh(req, undefined, avoid);
    if (!extra) break;
    avoid.add(extra.id);
    itemIds.push(extra.id);
    for (const q of uniqueQuestions(extra.questions)) if (!questions.includes(q)) questions.push(q);
  }
  return { guidance: g, situation, questions: questions.slice(0, MAX_QUESTIONS), itemIds };
}

/** The items a card already showed, drawn again by id (no rotation, nothing recorded): the card redrawn in place. */
export function keepGuidance(guidance: GuidanceSource, itemIds: readonly string[], vars: TemplateVars): PickedGuidance | undefined {
  const items = itemIds.map((id) => guidance.byId(id, vars)).filter((g): g is RenderedGuidance => g !== undefined);
  const [first] = items;
  if (!first) return undefined;
  const questions: string[] = [];
  for (const q of items.flatMap((g) => uniqueQuestions(g.questions))) if (!questions.includes(q)) questions.push(q);
  return { guidance: first, situation: undefined, questions: questions.slice(0, MAX_QUESTIONS), itemIds: items.map((g) => g.id) };
}

function uniqueQuestions(questions: readonly string[]): string[] {
  const out: string[] = [];
  for (const q of questions) {
    const t = q.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}
