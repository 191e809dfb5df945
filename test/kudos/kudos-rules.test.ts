import { checkDailyCap, checkMessage, isSameKudos, localDay, matchValue, plainFromSlack, renderMessage, untilText, visibleLength } from '../../src/domain/kudos';
import { DomainError } from '../../src/domain/errors';

const VALUES = ['Customer first', 'Ownership', 'Craft'];

describe('matchValue', () => {
  it.each([
    ['customer-first', 'Customer first'],
    ['CustomerFirst', 'Customer first'],
    ['customer_first', 'Customer first'],
    ['OWNERSHIP', 'Ownership'],
  ])('%s names %s', (tag, value) => expect(matchValue(tag, VALUES)).toBe(value));

  it('does not guess at unknown or empty tags', () => {
    expect(matchValue('shipit', VALUES)).toBeUndefined();
    expect(matchValue('--', VALUES)).toBeUndefined();
  });
});

describe('checkMessage', () => {
  it('counts characters as people do, so short non-Latin and emoji text is measured fairly', () => {
    expect(visibleLength('👍🏽')).toBe(2);
    expect(checkMessage('ありがとうございました！')).toBeUndefined(); // 12 characters
    expect(checkMessage('ありがとう')).toMatch(/at least 10/);
  });
  it('refuses more than 1000 characters and says how many there were', () => {
    expect(checkMessage('x'.repeat(1000))).toBeUndefined();
    expect(checkMessage('x'.repeat(1001))).toMatch(/1001/);
  });
});

describe('daily cap in the giver time zone', () => {
  it('starts the day at local midnight', () => {
    const now = Date.UTC(2026, 10, 25, 23, 30); // 08:30 on the 26th in Tokyo
    expect(new Date(localDay(now, 'Asia/Tokyo').start).toISOString()).toBe('2026-11-25T15:00:00.000Z');
    expect(new Date(localDay(now, 'America/New_York').start).toISOString()).toBe('2026-11-25T05:00:00.000Z');
    expect(localDay(now, 'Not/AZone').zone).toBe('UTC');
  });

  it('allows up to the cap and explains when and where it resets', () => {
    const now = Date.UTC(2026, 10, 25, 20, 40); // 21:40 in Paris
    expect(() => checkDailyCap({ alreadyToday: 8, adding: 2, cap: 10, now, tz: 'Europe/Paris' })).not.toThrow();
    let error: unknown;
    try {
      checkDailyCap({ alreadyToday: 10, adding: 1, cap: 10, now, tz: 'Europe/Paris' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).field).toBe('recipients');
    expect((error as DomainError).userMessage).toBe(
      "You have reached today's kudos cap of 10 people. It resets at midnight your time (Europe/Paris), in 2 h 20 min.",
    );
    expect(() => checkDailyCap({ alreadyToday: 8, adding: 3, cap: 10, now, tz: 'Europe/Paris' })).toThrow(/you have 2 left/);
  });

  it('formats the wait', () => {
    expect(untilText(59 * 60_000)).toBe('59 min');
    expect(untilText(2 * 3_600_000)).toBe('2 h');
    expect(untilText(1)).toBe('1 min');
  });
});

describe('renderMessage (stored text → mrkdwn for a post)', () => {
  it('neutralises broadcast mentions and forged links typed in a modal, and escapes markup', () => {
    const out = renderMessage('Hey <!channel> and @here, <https://evil|click> & <@U1|x> more');
    expect(out).toBe('Hey &lt;!channel&gt; and @\u200Bhere, &lt;https://evil|click&gt; &amp; &lt;@U1|x&gt; more');
  });

  it('keeps people and channel mentions as mentions', () => {
    expect(renderMessage('thanks <@U123> in <#C1>')).toBe('thanks <@U123> in <#C1>');
  });

  it('keeps emoji, line breaks and non-Latin scripts byte for byte', () => {
    const text = 'Спасибо за помощь! 🎉\nشكرا جزيلا\n谢谢你的耐心 :tada:';
    expect(renderMessage(text)).toBe(text);
  });
});

describe('plainFromSlack (slash-command text → stored text)', () => {
  it('keeps people and channels, turns specials into inert words and links into readable text', () => {
    const out = plainFromSlack('<!here> thanks <@U123|ana> in <#C1|eng>: <https://x.test/a|the doc>, <https://x.test/b> <!subteam^S1|@oncall> <!everyone> a &lt;b&gt; &amp; c');
    expect(out).toBe('@here thanks <@U123> in <#C1>: the doc (https://x.test/a), https://x.test/b @oncall @everyone a <b> & c');
    expect(renderMessage(out)).not.toMatch(/<!|@here|@everyone/);
    expect(renderMessage(out)).toContain('<@U123>');
  });
});

describe('isSameKudos', () => {
  const a = { giverId: 'U1', recipientIds: ['U2', 'U3'], message: 'Great  work on\nthe launch' };
  it('ignores recipient order and whitespace', () => {
    expect(isSameKudos(a, { giverId: 'U1', recipientIds: ['U3', 'U2'], message: 'Great work on the launch ' })).toBe(true);
  });
  it('differs on giver, people or words', () => {
    expect(isSameKudos(a, { ...a, giverId: 'U9' })).toBe(false);
    expect(isSameKudos(a, { ...a, recipientIds: ['U2'] })).toBe(false);
    expect(isSameKudos(a, { ...a, message: 'Great work on the release' })).toBe(false);
  });
});
