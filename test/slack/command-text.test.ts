import { neutraliseMentions, parseCommandText, splitSubcommand } from '../../src/slack/command-text';

describe('parseCommandText', () => {
  it('reads escaped mentions, plain names, tags and the rest', () => {
    const p = parseCommandText('<@U0ALICE|alice> <@U0BOB> @carol thanks for the launch! #Ownership <#C0GEN|general>');
    expect(p.userIds).toEqual(['U0ALICE', 'U0BOB']);
    expect(p.names).toEqual(['carol']);
    expect(p.tags).toEqual(['Ownership']);
    expect(p.channelIds).toEqual(['C0GEN']);
    expect(p.rest).toBe('thanks for the launch!');
  });

  it('keeps non-Latin text, emoji and does not treat emails as names', () => {
    const p = parseCommandText('<@U1|李> 谢谢 🎉 mail me at a@b.com #团队');
    expect(p.userIds).toEqual(['U1']);
    expect(p.names).toEqual([]);
    expect(p.tags).toEqual(['团队']);
    expect(p.rest).toBe('谢谢 🎉 mail me at a@b.com');
  });

  it('de-duplicates repeated mentions and handles empty text', () => {
    expect(parseCommandText('<@U1|a> <@U1|a>').userIds).toEqual(['U1']);
    expect(parseCommandText('')).toEqual({ userIds: [], names: [], tags: [], channelIds: [], rest: '' });
  });
});

describe('splitSubcommand', () => {
  it('splits the first word off', () => {
    expect(splitSubcommand('  LOG <@U1|a> ')).toEqual(['log', '<@U1|a>']);
    expect(splitSubcommand('')).toEqual(['', '']);
  });
});

describe('neutraliseMentions', () => {
  it('defuses broadcast mentions in reposted text', () => {
    const out = neutraliseMentions('hey <!channel> and <!here|here> and @everyone <!subteam^S1|eng>');
    expect(out).not.toMatch(/<!/);
    expect(out).not.toMatch(/(^|\s)@(channel|here|everyone)\b/);
    expect(out).toContain('@\u200Bchannel');
  });
});
