import type { GuidanceItem, Level } from '../domain/ports';

/**
 * The subjects issue #14 asks the library to cover, with the levels where each belongs: the one table
 * `content:check` reads. A cell is met when enough enabled items of that level match every condition
 * given: a topic, a situation, and words in the title, body, say or questions.
 */

export interface SubjectCell {
  level: Level;
  topics?: readonly string[];
  situations?: readonly string[];
  /** Words that show the item is about this subject (title, body, say, ask). */
  words?: RegExp;
  /** Default 1; topics ask for 2 (prompts/README.md: each topic that belongs at a level has two items). */
  min?: number;
}

export interface Subject {
  subject: string;
  cells: SubjectCell[];
}

const ALL: readonly Level[] = ['frontline', 'mid-level', 'executive'];
const MANAGERS_OF_MANAGERS: readonly Level[] = ['mid-level', 'executive'];

function at(levels: readonly Level[], cell: Omit<SubjectCell, 'level'>): SubjectCell[] {
  return levels.map((level) => ({ level, ...cell }));
}

export const REQUIRED_SUBJECTS: readonly Subject[] = [
  { subject: 'hiring a new report', cells: at(ALL, { topics: ['hiring'] }) },
  { subject: 'onboarding a new report', cells: at(ALL, { situations: ['new-report'] }) },
  { subject: 'a resignation', cells: at(ALL, { situations: ['resignation'] }) },
  { subject: 'counter-offers', cells: at(ALL, { words: /counter-?offer/i }) },
  { subject: 'letting someone go', cells: at(ALL, { situations: ['exit'] }) },
  { subject: 'pay conversations', cells: at(ALL, { situations: ['pay-promotion'] }) },
  {
    subject: 'not promoted this time',
    cells: at(ALL, { situations: ['pay-promotion'], words: /not (been )?promoted|(weren't|wasn't|isn't|aren't) promoted|didn't get the (promotion|role)|passed over/i }),
  },
  { subject: 'reviews', cells: at(ALL, { situations: ['review'] }) },
  { subject: 'calibration', cells: at(MANAGERS_OF_MANAGERS, { topics: ['calibration'], min: 2 }) },
  { subject: 'underperformance before it is formal', cells: at(ALL, { situations: ['performance'] }) },
  { subject: 'conflict between two reports or two of your managers', cells: at(ALL, { situations: ['conflict'] }) },
  { subject: 'psychological safety and productive conflict', cells: at(ALL, { topics: ['psychological-safety'], min: 2 }) },
  { subject: 'remote and hybrid teams', cells: at(ALL, { topics: ['remote-hybrid'], min: 2 }) },
  { subject: 'a report who knows more than you', cells: at(['frontline'], { words: /(know|knows) (the (work|craft|code|domain|field)|more)[^.?]{0,40}(better )?than you|better than you do|more expert than you/i }) },
  { subject: 'managing former peers', cells: at(['frontline'], { words: /former (peer|teammate|colleague)|used to be (your )?(peer|teammate)|(was|were) your (peer|teammate)|were peers/i }) },
  { subject: 'player-coach time', cells: at(['frontline'], { words: /player[- ]coach|your own (hands-on |individual )?(work|tickets|deliverables)/i }) },
  { subject: 'mental-health disclosure', cells: at(['frontline'], { situations: ['wellbeing'], words: /mental health/i }) },
  { subject: 'tears in a 1:1', cells: at(['frontline'], { situations: ['wellbeing'], words: /\b(cr(y|ies|ying|ied)|tears)\b/i }) },
  { subject: 'return from leave', cells: at(ALL, { situations: ['back-from-leave'] }) },
  { subject: 'delivering a layoff you did not decide', cells: at(['frontline', 'mid-level'], { situations: ['restructure'], words: /lay-?offs?|laid off|redundan|roles? (is|are) (going|being cut)/i }) },
  { subject: 'managing up and saying no', cells: at(ALL, { topics: ['managing-up'], min: 2 }) },
  { subject: 'an underperforming manager', cells: at(['mid-level'], { situations: ['performance'] }) },
  { subject: 'removing a manager', cells: at(['mid-level'], { situations: ['exit'] }) },
  { subject: 'reorganisations', cells: at(MANAGERS_OF_MANAGERS, { situations: ['restructure'] }) },
  { subject: 'span of control', cells: at(MANAGERS_OF_MANAGERS, { words: /span(s)? of control|\bspans? and layers\b/i }) },
  { subject: 'skip-levels done well', cells: at(MANAGERS_OF_MANAGERS, { topics: ['skip-level'], min: 2 }) },
  { subject: 'firing an executive', cells: at(['executive'], { situations: ['exit'] }) },
  { subject: 'working with the board', cells: at(['executive'], { topics: ['board'], min: 2 }) },
  { subject: 'leading in a crisis', cells: at(['executive'], { topics: ['crisis'], min: 2 }) },
  { subject: "the executive's own feedback", cells: at(['executive'], { topics: ['self-awareness'], min: 2 }) },
];

export function subjectMatches(item: GuidanceItem, cell: SubjectCell): boolean {
  if (cell.topics && !cell.topics.includes(item.topic)) return false;
  if (cell.situations && !item.when.some((w) => cell.situations!.includes(w))) return false;
  if (!cell.words) return true;
  return cell.words.test([item.title, item.body, item.say ?? '', ...item.ask].join('\n').replace(/’/g, "'"));
}
