import http from 'node:http';
import { ErrorCode, RespondError } from '@slack/bolt';
import { postJson, respondVia, responseUrlOf } from '../../src/slack/response-url';
import { PREP_OTHER_QUESTIONS_ACTION } from '../../src/slack/ui/prep-card';
import { freePort } from '../helpers/free-port';
import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { setup, type Setup } from '../emulator/setup';

/**
 * The listeners' `respond` (and the error handler's reply) post with Node's http client instead of Bolt's `fetch`
 * (docs/performance.md, "Sixth pass"): the same message reaches the same place, and a refused reply fails the same way.
 */
describe('replies through the response_url', () => {
  describe('against the emulator', () => {
    let s: Setup;
    let alice: string;
    beforeEach(async () => {
      s = await setup();
      alice = s.emulator.addUser({ name: 'alice' }).id;
    });
    afterEach(() => s.emulator.close());

    it('delivers what respond is given (a string as its text), and a refused reply throws Bolt\'s RespondError with the status', async () => {
      const url = s.emulator.issueResponseUrl({ userId: alice, channelId: 'D0ALICE' });
      const respond = respondVia(url);
      await respond('just you');
      for (let i = 1; i < 5; i += 1) await respond({ response_type: 'ephemeral', text: `n${i}` });
      expect(s.emulator.ephemerals(alice).map((e) => e.text)).toEqual(['just you', 'n1', 'n2', 'n3', 'n4']);
      const refused = await respond({ text: 'sixth' }).then(() => undefined, (err: unknown) => err);
      expect(refused).toBeInstanceOf(RespondError);
      expect(refused).toMatchObject({ code: ErrorCode.RespondError, statusCode: 404 });
      expect(s.emulator.violations().map((v) => v.error)).toEqual(['used_up']);
    });

    it('answers the status of a refused post without throwing (postJson), and rejects what it cannot send rather than hang', async () => {
      const url = s.emulator.issueResponseUrl({ userId: alice, channelId: 'D0ALICE' });
      s.clock.advance(30 * 60 * 1000 + 1);
      expect(await postJson(url, { text: 'too late' })).toBe(404);
      expect(s.emulator.violations().map((v) => v.error)).toEqual(['expired']);
      await expect(postJson(`http://127.0.0.1:${await freePort()}/response/x`, { text: 'nobody there' })).rejects.toThrow(/ECONNREFUSED/);
      await expect(postJson('file:///etc/passwd', { text: 'x' })).rejects.toThrow(/must be http/);
      await expect(postJson('not a url', { text: 'x' })).rejects.toThrow();
    });
  });

  it('takes the URL Bolt would: a command\'s or action\'s response_url, else a modal\'s first response_urls entry', () => {
    expect(responseUrlOf({ response_url: 'https://hooks.example/a' })).toBe('https://hooks.example/a');
    expect(responseUrlOf({ response_urls: [{ response_url: 'https://hooks.example/b' }, { response_url: 'https://hooks.example/c' }] })).toBe('https://hooks.example/b');
    expect(responseUrlOf({ response_url: '', response_urls: [] })).toBeUndefined();
    expect(responseUrlOf({})).toBeUndefined();
  });

  describe('through the app', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness();
      await setTeam(h, h.people.manager, [h.people.alice]);
    });
    afterAll(async () => {
      expect(h.emulator.violations()).toEqual([]);
      await h.stop();
    });

    it('a prep card and a card redrawn from its button are posted by Node\'s http client, not Bolt\'s fetch', async () => {
      // Bolt keeps the fetch it found at start-up, so a spy on fetch would see nothing either way: watch http.request.
      const requestSpy = jest.spyOn(http, 'request');
      try {
        const res = await h.driver.command(h.people.manager, '/oneonone', `<@${h.people.alice}>`);
        expect(res.status).toBe(200);
        await h.emulator.waitFor(() => h.emulator.ephemerals(h.people.manager).some((e) => JSON.stringify(e.blocks).includes('1:1 prep')));
        await h.driver.clickButton(h.people.manager, { actionId: PREP_OTHER_QUESTIONS_ACTION });
        await h.emulator.waitFor(() => h.emulator.calls.filter((c) => c.method === 'response_url').length >= 2);
        const posted = requestSpy.mock.calls.map(([u]) => String(u)).filter((u) => u.startsWith(`${h.emulator.origin}/response/`));
        expect(posted).toHaveLength(2);
      } finally {
        requestSpy.mockRestore();
      }
    });
  });
});
