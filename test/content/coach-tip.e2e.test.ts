import { setTeam, startHarness, type Harness } from '../helpers/harness';

/** `/coach tip [topic]` through the real receiver and the emulator. */
describe('/coach tip', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  async function tip(user: string, text = ''): Promise<{ text: string; header: string }> {
    const before = h.emulator.ephemerals(user).length;
    const res = await h.driver.command(user, '/coach', `tip ${text}`.trim());
    expect(res.status).toBe(200);
    const all = await h.emulator.waitFor(() => (h.emulator.ephemerals(user).length > before ? h.emulator.ephemerals(user) : undefined));
    const last = all[all.length - 1]!;
    const header = (last.blocks?.[0] as { type?: string; text?: { text?: string } } | undefined);
    return { text: `${last.text}\n${JSON.stringify(last.blocks ?? [])}`, header: header?.type === 'header' ? String(header.text?.text) : '' };
  }

  it('gives tips for the person\'s level, a topic on request, and does not repeat while the pool lasts', async () => {
    await setTeam(h, h.people.manager, [h.people.alice, h.people.bob]);
    const titles: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const t = await tip(h.people.manager, 'delegation');
      expect(t.text).toContain('frontline');
      titles.push(t.header);
    }
    // Four frontline delegation items: a full cycle without repeats, then never the same twice in a row.
    expect(new Set(titles.slice(0, 4)).size).toBe(4);
    for (let i = 1; i < titles.length; i += 1) expect(titles[i]).not.toBe(titles[i - 1]);
    expect(h.emulator.violations()).toEqual([]);
  });

  it('changes with the level: an executive gets executive guidance', async () => {
    await h.driver.command(h.people.manager, '/coach', 'level executive');
    await h.emulator.waitFor(() => h.emulator.ephemerals(h.people.manager).length > 0);
    const t = await tip(h.people.manager, 'culture');
    expect(t.text).toContain('executive');
    expect(t.text).toContain('culture');
  });

  it('answers an unknown topic with the topics there are', async () => {
    const t = await tip(h.people.alice, 'astrology');
    expect(t.text).toContain('astrology');
    expect(t.text).toContain('one-on-one');
    expect(h.emulator.violations()).toEqual([]);
  });
});
