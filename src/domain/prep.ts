import type { GuidanceDraws, GuidanceQuery, GuidanceSource, Level, RenderedGuidance, TemplateVars } from './ports';
import type { PairStats } from './one-on-ones';
import type { CadenceStatus } from './cadence';
import { SITUATION_TOPICS, type ChosenSituation, type DetectedSituation, type Situation } from './situations';

export const ONE_ON_ONE_TOPIC = 'one-on-one';
export type { Situation };

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
export function situationsFor(f: SituationFacts): DetectedSituation[] {
  const out: DetectedSituation[] = [];
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
  /** The situation whose pool it came from; undefined for everyday guidance. */
  situation?: Situation;
  /** Questions for the report: the item's ask_first first, then its other questions (topped up to 3). */
  questions: string[];
  /** Every item drawn for this card (the guidance first, then any that topped up the questions). */
  itemIds: string[];
}

export interface PickRequest {
  guidance: GuidanceSource;
  managerId: string;
  level: Level;
  /** What the manager said the 1:1 is about; `everyday` or absent: only what Leadwell detected. */
  chosen?: ChosenSituation;
  situations: readonly DetectedSituation[];
  vars: TemplateVars;
  /** Items the manager just saw: never shown twice in a row. */
  avoid: readonly string[];
  /** Where the picks go instead of being recorded one by one (GuidanceSource.next): the caller records them. */
  draws?: GuidanceDraws;
}

async function drawFresh(req: PickRequest, query: Omit<GuidanceQuery, 'personId' | 'level'>, avoid: Set<string>): Promise<RenderedGuidance | undefined> {
  const q = { personId: req.managerId, level: req.level, ...query };
  // The source rotates without repeats, so a second draw differs unless the pool holds one item.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const g = await req.guidance.next(q, req.vars, req.draws);
    if (!g) return undefined;
    if (!avoid.has(g.id)) return g;
  }
  return undefined;
}

/**
 * Where guidance comes from, in order: the manager's chosen situation (any topic), the situations
 * Leadwell detected (1:1 items), everyday items of the chosen situation's topic, everyday 1:1 items.
 * Situational draws are exact, so a situation without content at this level costs no rotation.
 */
function candidates(req: PickRequest): Array<Omit<GuidanceQuery, 'personId' | 'level'>> {
  const chosen = req.chosen === 'everyday' ? undefined : req.chosen;
  return [
    ...(chosen ? [{ situation: chosen, exact: true }] : []),
    ...req.situations.map((situation) => ({ topic: ONE_ON_ONE_TOPIC, situation, exact: true })),
    ...(chosen ? [{ topic: SITUATION_TOPICS[chosen] }] : []),
    { topic: ONE_ON_ONE_TOPIC },
  ];
}

/** Guidance for the first source that has fresh content, then 3–5 questions for the report. */
export async function pickGuidance(req: PickRequest): Promise<PickedGuidance | undefined> {
  const avoid = new Set(req.avoid);
  let g: RenderedGuidance | undefined;
  for (const query of candidates(req)) {
    g = await drawFresh(req, query, avoid);
    if (g) break;
  }
  if (!g) return undefined;
  const questions = askInOrder(g);
  const itemIds = [g.id];
  avoid.add(g.id);
  // Top up from everyday 1:1 guidance at the same level when the item carries too few questions.
  for (let i = 0; i < 3 && questions.length < MIN_QUESTIONS; i += 1) {
    const extra = await drawFresh(req, { topic: ONE_ON_ONE_TOPIC }, avoid);
    if (!extra) break;
    avoid.add(extra.id);
    itemIds.push(extra.id);
    for (const q of askInOrder(extra)) if (!questions.includes(q)) questions.push(q);
  }
  return { guidance: g, situation: g.situation as Situation | undefined, questions: questions.slice(0, MAX_QUESTIONS), itemIds };
}

/**
 * The items a card already showed, drawn again by id (no rotation, nothing recorded): the card redrawn in place.
 * `stillTrue` is what the 1:1 is about now (the chosen situation first, then what Leadwell detects today): an item
 * written only for a moment that has passed (an overdue 1:1 that is now logged, a first 1:1 that happened) is
 * dropped rather than shown stale; everyday items always stay. The card's situation is the first still-true one
 * the kept guidance was written for, as when it was drawn.
 */
export function keepGuidance(guidance: GuidanceSource, itemIds: readonly string[], vars: TemplateVars, stillTrue: readonly Situation[]): PickedGuidance | undefined {
  const fits = (g: RenderedGuidance) => !g.when || g.when.some((w) => w === 'everyday' || (stillTrue as readonly string[]).includes(w));
  const items = itemIds.map((id) => guidance.byId(id, vars)).filter((g): g is RenderedGuidance => g !== undefined && fits(g));
  const [first] = items;
  if (!first) return undefined;
  const questions: string[] = [];
  for (const q of items.flatMap((g) => askInOrder(g))) if (!questions.includes(q)) questions.push(q);
  const situation = stillTrue.find((s) => s !== 'everyday' && first.when?.includes(s));
  return { guidance: first, situation, questions: questions.slice(0, MAX_QUESTIONS), itemIds: items.map((g) => g.id) };
}

/** ask_first, then the item's other ask questions, without blanks or repeats. Never `reflect`. */
export function askInOrder(g: Pick<RenderedGuidance, 'ask' | 'askFirst'>): string[] {
  const out: string[] = [];
  for (const q of [g.askFirst ?? '', ...g.ask]) {
    const t = q.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}
