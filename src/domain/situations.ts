/**
 * The moments a 1:1 can be about: the `when` vocabulary of the content library (prompts/README.md) and
 * what the prep card's "What's this 1:1 about?" offers. One table, used by the content schema, the
 * prep card and the `/oneonone @alice <situation>` parser.
 */

/** Leadwell sees these itself, from the 1:1 history and the org chart. */
export const DETECTED_SITUATIONS = [
  'first-1:1',
  'after-missed',
  'overdue',
  'new-manager',
  'new-report',
  'report-manages-others',
  'career-conversation',
] as const;
export type DetectedSituation = (typeof DETECTED_SITUATIONS)[number];

/** Only the manager knows these: they choose them on the card or type them after the name. */
export const MANAGER_ONLY_SITUATIONS = [
  'performance',
  'feedback',
  'resignation',
  'exit',
  'pay-promotion',
  'back-from-leave',
  'wellbeing',
  'conflict',
  'restructure',
  'top-performer',
  'review',
] as const;

/** Every situation an item's `when` may name, `everyday` for no particular moment. */
export const ALL_SITUATIONS = ['everyday', ...DETECTED_SITUATIONS, ...MANAGER_ONLY_SITUATIONS] as const;
export type Situation = (typeof ALL_SITUATIONS)[number];

/**
 * What the card's menu offers, in menu order: the manager-only moments plus the two detected ones a
 * manager also asks for by name ("career and growth", "new to the team"), then a plain regular 1:1.
 */
export const CHOSEN_SITUATIONS = [
  'performance',
  'feedback',
  'review',
  'pay-promotion',
  'career-conversation',
  'top-performer',
  'resignation',
  'exit',
  'conflict',
  'wellbeing',
  'back-from-leave',
  'new-report',
  'restructure',
  'everyday',
] as const satisfies readonly Situation[];
export type ChosenSituation = (typeof CHOSEN_SITUATIONS)[number];

export function isChosenSituation(value: unknown): value is ChosenSituation {
  return typeof value === 'string' && (CHOSEN_SITUATIONS as readonly string[]).includes(value);
}

/**
 * Words a manager types after the name. Keys are normalised (lower-case, letters, digits and single
 * spaces); the situation's own id (with dashes as spaces) always works too.
 */
const ALIASES: Record<string, ChosenSituation> = {
  performance: 'performance', underperforming: 'performance', underperformance: 'performance', 'performance concern': 'performance',
  'not performing': 'performance', struggling: 'wellbeing', stressed: 'wellbeing', stress: 'wellbeing', burnout: 'wellbeing',
  'burned out': 'wellbeing', 'burnt out': 'wellbeing', 'mental health': 'wellbeing', health: 'wellbeing', upset: 'wellbeing',
  feedback: 'feedback', 'hard feedback': 'feedback', 'difficult feedback': 'feedback',
  resigned: 'resignation', resigning: 'resignation', resignation: 'resignation', leaving: 'resignation', quitting: 'resignation',
  quit: 'resignation', 'counter offer': 'resignation', counteroffer: 'resignation', 'flight risk': 'resignation',
  exit: 'exit', firing: 'exit', fire: 'exit', dismissal: 'exit', dismissing: 'exit', 'letting go': 'exit', 'let go': 'exit',
  'letting them go': 'exit', termination: 'exit',
  pay: 'pay-promotion', promotion: 'pay-promotion', promoted: 'pay-promotion', 'not promoted': 'pay-promotion', raise: 'pay-promotion',
  salary: 'pay-promotion', compensation: 'pay-promotion', 'pay rise': 'pay-promotion', 'pay promotion': 'pay-promotion',
  'back from leave': 'back-from-leave', 'return from leave': 'back-from-leave', 'returning from leave': 'back-from-leave',
  'back from parental leave': 'back-from-leave', 'parental leave': 'back-from-leave', 'sick leave': 'back-from-leave',
  'back from sick leave': 'back-from-leave', returning: 'back-from-leave', bereavement: 'back-from-leave',
  conflict: 'conflict', 'conflict with a colleague': 'conflict', disagreement: 'conflict', tension: 'conflict',
  layoff: 'restructure', layoffs: 'restructure', 'lay off': 'restructure', reorg: 'restructure', reorganisation: 'restructure',
  reorganization: 'restructure', restructure: 'restructure', restructuring: 'restructure', redundancy: 'restructure', change: 'restructure',
  'top performer': 'top-performer', 'high performer': 'top-performer', star: 'top-performer', stay: 'top-performer',
  'stay interview': 'top-performer', retention: 'top-performer',
  review: 'review', 'performance review': 'review', calibration: 'review', appraisal: 'review', rating: 'review',
  career: 'career-conversation', 'career conversation': 'career-conversation', growth: 'career-conversation',
  'career and growth': 'career-conversation', development: 'career-conversation',
  'new to the team': 'new-report', new: 'new-report', 'new report': 'new-report', 'new joiner': 'new-report', onboarding: 'new-report',
  'just joined': 'new-report', 'new hire': 'new-report',
  regular: 'everyday', everyday: 'everyday', normal: 'everyday', 'catch up': 'everyday', catchup: 'everyday',
};

export function normaliseSituationText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Longest texts a manager types after the name; longer is not a situation. */
export const MAX_SITUATION_TEXT = 60;

/** The situation a manager typed, or undefined when the words match none. */
export function parseSituation(text: string): ChosenSituation | undefined {
  const key = normaliseSituationText(text).replace(/^(a|an|the|about|re|for)\s+/, '');
  if (!key || key.length > MAX_SITUATION_TEXT) return undefined;
  const direct = CHOSEN_SITUATIONS.find((s) => s.replace(/[-:]/g, ' ') === key);
  return direct ?? ALIASES[key];
}

/** Splits "alice resigned" into a name and a situation, trying the longest trailing words first. */
export function splitTrailingSituation(text: string): { name: string; situation: ChosenSituation } | undefined {
  const words = text.trim().split(/\s+/);
  for (let take = Math.min(5, words.length - 1); take >= 1; take -= 1) {
    const situation = parseSituation(words.slice(-take).join(' '));
    if (situation) return { name: words.slice(0, -take).join(' '), situation };
  }
  return undefined;
}

/**
 * Where a chosen moment's advice lives when no item at this level names the moment: everyday items of
 * this topic are the last fallback (after the situations Leadwell detected itself).
 */
export const SITUATION_TOPICS: Record<ChosenSituation, string> = {
  performance: 'performance',
  feedback: 'feedback',
  review: 'calibration',
  'pay-promotion': 'pay-and-promotion',
  'career-conversation': 'development',
  'top-performer': 'development',
  resignation: 'exits',
  exit: 'exits',
  conflict: 'conflict',
  wellbeing: 'wellbeing',
  'back-from-leave': 'wellbeing',
  'new-report': 'onboarding',
  restructure: 'change',
  everyday: 'one-on-one',
};
