import { answerCommand } from '../../src/slack/listeners/answer';

function io() {
  const calls: Array<[string, unknown]> = [];
  return {
    calls,
    ack: jest.fn(async (m?: unknown) => {
      calls.push(['ack', m]);
    }),
    respond: jest.fn(async (m: unknown) => {
      calls.push(['respond', m]);
      return undefined as never;
    }),
  };
}

describe('answerCommand', () => {
  it('answers in the ack when the work is quick', async () => {
    const x = io();
    await answerCommand(x, async () => ({ text: 'hi' }), 200);
    expect(x.calls).toEqual([['ack', { response_type: 'ephemeral', text: 'hi' }]]);
  });

  it('acks empty at the budget and answers through response_url later', async () => {
    const x = io();
    await answerCommand(x, () => new Promise((r) => setTimeout(() => r({ text: 'slow' }), 120)), 30);
    expect(x.calls).toEqual([
      ['ack', undefined],
      ['respond', { response_type: 'ephemeral', replace_original: false, text: 'slow' }],
    ]);
  });

  it('acks and rethrows when the work fails, quick or slow', async () => {
    const quick = io();
    await expect(answerCommand(quick, async () => Promise.reject(new Error('boom')), 200)).rejects.toThrow('boom');
    expect(quick.calls).toEqual([['ack', undefined]]);
    const slow = io();
    await expect(answerCommand(slow, () => new Promise((_r, j) => setTimeout(() => j(new Error('late boom')), 60)), 10)).rejects.toThrow('late boom');
    expect(slow.calls).toEqual([['ack', undefined]]);
  });
});
