import { itemRuleProblems, sayParticular } from '../../src/content/item-rules';
import { frontMatterSchema, ID_PREFIXES } from '../../src/content/schema';

const item = (say: string) =>
  frontMatterSchema.parse({
    id: 'fl-feedback-test-item',
    level: 'frontline',
    topic: 'feedback',
    title: 'A test item',
    when: ['feedback'],
    ask: ['How did the handover feel from your side?', 'What would you do differently next time?', 'What would help from me?'],
    ask_first: 'How did the handover feel from your side?',
    say,
    sources: [],
  });

describe('say lines a manager can say word for word', () => {
  it.each([
    ['We agreed the review for Tuesday and it slipped.', 'Tuesday'],
    ["Let's look at it together properly on the 14th.", 'the 14th'],
    ['The launch moved to March and I want to talk about why.', 'March'],
    ['Can we meet at 3pm to go through it?', '3pm'],
  ])('refuses an invented particular: %s', (say, found) => {
    expect(sayParticular(say)).toBe(found);
    const problems = itemRuleProblems(item(say), 'A body long enough to be a real body of advice.', ID_PREFIXES);
    expect(problems).toContainEqual({ field: 'say', message: expect.stringContaining(`"${found}"`) });
  });

  it('accepts a general opener, including words like "may" and "second"', () => {
    const say = "I want to talk about the last few handovers. I may have missed part of the picture, so I'd like your side second, after mine.";
    expect(sayParticular(say)).toBeUndefined();
    expect(itemRuleProblems(item(say), 'A body long enough to be a real body of advice.', ID_PREFIXES).filter((p) => p.field === 'say')).toEqual([]);
  });
});
