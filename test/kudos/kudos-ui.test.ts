import { readReference } from '../helpers/reference';
import { kudosModal, KUDOS_MODAL_CALLBACK, KUDOS_POST_BLOCK, KUDOS_RECIPIENTS_BLOCK, KUDOS_VALUE_BLOCK, KUDOS_MESSAGE_BLOCK } from '../../src/slack/ui/kudos-modal';
import { kudosChannelPost, kudosRecipientDm, mentionList, quoteBlocks } from '../../src/slack/ui/kudos-post';
import { kudosConfirmation, kudosHelp, kudosStatsMessage } from '../../src/slack/ui/kudos-replies';
import { renderMessage } from '../../src/domain/kudos';

type Limits = { surfaces: Record<string, { max: number }> };
const limits = readReference<Limits>('block-kit/limits.json');
const max = (key: string) => (limits.surfaces[key] as { max: number }).max;

const VALUES = ['Customer first', 'Ownership', 'Craft'];
type AnyBlock = { type: string; block_id?: string; text?: { text: string }; element?: Record<string, unknown>; elements?: Array<{ text: string }> };

describe('kudos modal', () => {
  const view = kudosModal({
    companyValues: VALUES,
    recipientIds: ['U1', 'U2'],
    value: 'Craft',
    message: 'Line one\nline two 🎉',
    channelLabel: '#kudos',
    hint: { title: 'What makes recognition land', body: 'Be specific. '.repeat(200) },
    permalink: 'https://acme.slack.com/archives/C1/p1',
    privateMetadata: JSON.stringify({ source: { channelId: 'C1', ts: '1.0' } }),
  });
  const blocks = view.blocks as AnyBlock[];
  const byId = (id: string) => blocks.find((b) => b.block_id === id) as AnyBlock;

  it('has the four inputs, prefilled, within Slack limits', () => {
    expect(view.callback_id).toBe(KUDOS_MODAL_CALLBACK);
    expect(view.title.text.length).toBeLessThanOrEqual(max('modal.title.text'));
    expect(blocks.length).toBeLessThanOrEqual(max('modal.blocks.maxItems'));
    expect(byId(KUDOS_RECIPIENTS_BLOCK).element).toMatchObject({ type: 'multi_users_select', max_selected_items: 10, initial_users: ['U1', 'U2'] });
    expect(byId(KUDOS_VALUE_BLOCK).element).toMatchObject({ type: 'static_select', initial_option: { value: 'Craft' } });
    expect((byId(KUDOS_VALUE_BLOCK).element?.options as unknown[]).length).toBe(3);
    expect(byId(KUDOS_MESSAGE_BLOCK).element).toMatchObject({ min_length: 10, max_length: 1000, initial_value: 'Line one\nline two 🎉' });
    expect(byId(KUDOS_POST_BLOCK).element).toMatchObject({ type: 'checkboxes', initial_options: [{ value: 'post' }] });
  });

  it('shows a short hint and the message link', () => {
    const contexts = blocks.filter((b) => b.type === 'context').map((b) => b.elements?.[0]?.text ?? '');
    const hint = contexts.find((t) => t.includes('What makes recognition land')) as string;
    expect(hint.length).toBeLessThanOrEqual(600);
    expect(contexts.some((t) => t.includes('https://acme.slack.com/archives/C1/p1'))).toBe(true);
  });

  it('drops the channel choice when no kudos channel is configured, and an unknown value is not preselected', () => {
    const bare = kudosModal({ companyValues: VALUES, value: 'Speed', privateMetadata: '{}' });
    const ids = (bare.blocks as AnyBlock[]).map((b) => b.block_id);
    expect(ids).not.toContain(KUDOS_POST_BLOCK);
    expect((bare.blocks as AnyBlock[]).find((b) => b.block_id === KUDOS_VALUE_BLOCK)?.element).not.toHaveProperty('initial_option');
  });
});

describe('kudos post', () => {
  it('names giver, recipients and value, quotes the message and links the source', () => {
    const post = kudosChannelPost({
      giverId: 'UG',
      recipientIds: ['U1', 'U2', 'U3'],
      value: 'R&D <first>',
      message: 'Two lines\n<!here> Ünïcödé 🎉 <@U9> @channel',
      source: { channelId: 'C1', permalink: 'https://acme.slack.com/archives/C1/p1' },
    });
    expect(post.text).toBe('<@UG> recognised <@U1>, <@U2> and <@U3> for R&amp;D &lt;first&gt;');
    const texts = (post.blocks as AnyBlock[]).map((b) => b.text?.text ?? b.elements?.[0]?.text).join('\n');
    expect(texts).toContain('>Two lines\n>&lt;!here&gt; Ünïcödé 🎉 <@U9> @\u200Bchannel');
    expect(texts).toContain('<https://acme.slack.com/archives/C1/p1|this message> in <#C1>');
    expect(texts).not.toMatch(/<!here>/);
  });

  it('splits a long, heavily escaped message into sections under 3000 characters without cutting entities', () => {
    const message = renderMessage('<&>'.repeat(333) + 'x'); // 1000 typed characters → 4,330 escaped
    const blocks = quoteBlocks(message) as AnyBlock[];
    expect(blocks.length).toBeGreaterThan(1);
    for (const b of blocks) {
      expect((b.text?.text ?? '').length).toBeLessThanOrEqual(3000);
      expect(b.text?.text).toMatch(/^>/);
      expect(b.text?.text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(blocks.map((b) => (b.text?.text ?? '').replace(/^>/gm, '')).join('')).toBe(message);
  });

  it('writes a DM that says who recognised them and with how many others', () => {
    const dm = kudosRecipientDm({ giverId: 'UG', recipientIds: ['U1', 'U2'], value: 'Craft', message: 'Thanks!' });
    expect(dm.text).toBe('<@UG> recognised you for Craft');
    expect((dm.blocks[0] as AnyBlock).text?.text).toContain('(with 1 other)');
    expect(mentionList(['U1'])).toBe('<@U1>');
  });
});

describe('replies to the giver', () => {
  const base = { recipientIds: ['U1'], value: 'Craft', unreachable: [] as string[] };
  it.each([
    [{ status: 'posted', channel: 'C1' }, /posted in <#C1>/],
    [{ status: 'not_posted', reason: 'private_channel', channel: 'G1' }, /<#G1> is private.*\/invite @Leadwell/],
    [{ status: 'not_posted', reason: 'channel_archived', channel: 'C2' }, /<#C2> is archived/],
    [{ status: 'not_posted', reason: 'giver_opted_out' }, /As you asked/],
    [{ status: 'failed', error: 'ratelimited', channel: 'C1' }, /it is saved, and your Leadwell admin can post it again/],
    [{ status: 'pending', reason: 'http_503' }, /saved and will be posted in the kudos channel when Slack is back/],
    [{ status: 'pending' }, /saved and queued: it will be posted in the kudos channel shortly \(Slack limits how fast an app may post\)/],
  ] as const)('explains the post outcome %j', (post, pattern) => {
    const msg = kudosConfirmation({ ...base, post });
    expect((msg.blocks[0] as AnyBlock).text?.text).toMatch(pattern);
    expect(msg.text).toContain('Kudos sent to <@U1>');
  });

  it('says when a DM could not be delivered, and when a kudos was a duplicate', () => {
    const msg = kudosConfirmation({ ...base, post: { status: 'posted', channel: 'C1' }, unreachable: ['U1'] });
    expect(JSON.stringify(msg.blocks)).toContain('could not send a direct message to <@U1>');
    expect(kudosConfirmation({ ...base, duplicate: true }).text).toMatch(/already sent/);
  });

  it('does not say the DMs arrived while they still wait their turn', () => {
    const queued = JSON.stringify(kudosConfirmation({ ...base, post: { status: 'posted', channel: 'C1' }, pending: true }).blocks);
    expect(queued).toContain('direct messages are queued and will go out shortly');
    expect(queued).not.toContain('got a direct message');
    expect(JSON.stringify(kudosConfirmation({ ...base, post: { status: 'posted', channel: 'C1' }, pending: false }).blocks)).toContain('Each of them got a direct message');
  });

  it('help lists the values as tags and the cap', () => {
    const help = kudosHelp({ companyValues: VALUES, dailyCap: 7, channelLabel: '#kudos' });
    const all = JSON.stringify(help.blocks);
    expect(all).toContain('#customer-first');
    expect(all).toContain('up to 7 people a day');
    expect(help.text).toBeTruthy();
  });

  it('stats speak only of the person themselves', () => {
    const msg = kudosStatsMessage({ label: 'November 2026', given: { kudos: 2, people: 3 }, received: { kudos: 1, givers: 1, values: [{ value: 'Craft', count: 1 }] } });
    expect(msg.text).toBe('In November 2026 you gave 2 kudos to 3 people and received 1 from 1 person.');
    expect(JSON.stringify(msg.blocks)).toContain('Craft ×1');
  });
});
