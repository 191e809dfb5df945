import { parseKudosText } from '../../src/slack/kudos-command-text';

const VALUES = ['Customer first', 'Ownership', 'Craft'];

describe('parseKudosText', () => {
  it('takes the leading people as recipients and the value tag out of the message', () => {
    expect(parseKudosText('<@U1|ana> <@U2|bo>, fixed the flaky deploy at 2am #ownership', VALUES)).toEqual({
      recipientIds: ['U1', 'U2'],
      names: [],
      value: 'Ownership',
      unknownTags: [],
      message: 'fixed the flaky deploy at 2am',
    });
  });

  it('keeps later mentions, other #words, emoji and line breaks in the message', () => {
    const parsed = parseKudosText('<@U1|ana> paired with <@U3|cy> on #payments 🎉\nsecond   line #customer-first', VALUES);
    expect(parsed.recipientIds).toEqual(['U1']);
    expect(parsed.value).toBe('Customer first');
    expect(parsed.message).toBe('paired with <@U3|cy> on #payments 🎉\nsecond line');
  });

  it('with no leading mention, every mention is a recipient and stays in the text', () => {
    const parsed = parseKudosText('thanks <@U1|ana> and <@U2> for the review #craft', VALUES);
    expect(parsed.recipientIds).toEqual(['U1', 'U2']);
    expect(parsed.message).toBe('thanks <@U1|ana> and <@U2> for the review');
  });

  it('reports plain @names and unknown tags, without a value', () => {
    const parsed = parseKudosText('@ana great demo #shipit', VALUES);
    expect(parsed).toMatchObject({ recipientIds: [], names: ['ana'], value: undefined, unknownTags: ['shipit'], message: 'great demo #shipit' });
  });

  it('handles non-Latin text and an empty message', () => {
    expect(parseKudosText('<@U1> спасибо за помощь с релизом #craft', VALUES).message).toBe('спасибо за помощь с релизом');
    expect(parseKudosText('<@U1> #craft', VALUES)).toMatchObject({ message: '', value: 'Craft' });
  });
});
