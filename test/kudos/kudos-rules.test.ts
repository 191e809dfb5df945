import { checkDailyCap, checkMessage, isSameKudos, localDay, matchValue, plainText, safeMrkdwn, untilText, visibleLength } from '../../src/domain/kudos';
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

describe('safeMrkdwn', () => {
  it('neutralises broadcast mentions typed in a modal, and escapes markup', () => {
    const out = safeMrkdwn('Hey <!channel> and @here, <https://evil|click> & more', false);
    expect(out).not.toMatch(/<!channel>/);
    expect(out).not.toMatch(/(^|[^\u200B])@here/);
    expect(out).toContain('&lt;!channel&gt;');
    expect(out).toContain('&lt;https://evil|click&gt; &amp; more');
  });

  it('neutralises special mentions in Slack-escaped command text but keeps people, channels and links', () => {
    const out = safeMrkdwn('<!here> thanks <@U123|ana> in <#C1|eng> see <https://x.test/a|doc> <!subteam^S1|@oncall> <!everyone>', true);
    expect(out).toContain('<@U123|ana>');
    expect(out).toContain('<#C1|eng>');
    expect(out).toContain('<https://x.test/a|doc>');
    expect(out).not.toMatch(/<!/);
    expect(out).toContain('@\u200Bhere');
    expect(out).toContain('@\u200Boncall');
    expect(out).toContain('@\u200Beveryone');
  });

  it('keeps emoji, line breaks and non-Latin scripts byte for byte', () => {
    const text = 'Спасибо за помощь! 🎉\nشكرا جزيلا\n谢谢你的耐心 :tada:';
    expect(safeMrkdwn(text, false)).toBe(text);
  });

  it('round-trips to plain text for a prefilled input', () => {
    expect(plainText(safeMrkdwn('a < b & <@U1|x> @here', false))).toBe('a < b & <@U1> @here');
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
