import { browserSuitePlan, CHROMIUM_CANDIDATES, findChromium, loudNotice } from './chromium';

const only = (...present: string[]) => (p: string) => present.includes(p);

describe('finding Chromium for the browser tests', () => {
  it('prefers CHROMIUM_PATH, then the usual Linux and macOS locations in order', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/chrome/chrome' }, only('/opt/chrome/chrome', '/usr/bin/chromium'))).toEqual({ found: '/opt/chrome/chrome' });
    expect(findChromium({}, only('/usr/bin/google-chrome', '/usr/bin/chromium'))).toEqual({ found: '/usr/bin/chromium' });
    expect(findChromium({}, only('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'))).toEqual({ found: CHROMIUM_CANDIDATES.at(-1) });
  });

  it('reports a CHROMIUM_PATH that does not exist instead of silently falling back', () => {
    const r = findChromium({ CHROMIUM_PATH: '/nope/chromium' }, only('/usr/bin/chromium'));
    expect(r).toEqual({ found: undefined, problem: expect.stringContaining('/nope/chromium') });
  });

  it('without a browser: skip with a notice that says how to enable them, or fail when CI is set', () => {
    const local = browserSuitePlan({}, only());
    expect(local).toMatchObject({ run: false, fail: false });
    expect(!local.run && local.notice).toMatch(/^SKIPPED browser tests(?=.*CHROMIUM_PATH)(?=.*apt-get install chromium)/);
    expect(browserSuitePlan({ CI: 'true' }, only())).toMatchObject({ run: false, fail: true });
    expect(browserSuitePlan({ CI: 'true' }, only('/usr/bin/chromium'))).toEqual({ run: true, path: '/usr/bin/chromium' });
    expect(loudNotice('x')).toMatch(/^\n!{78}\n!! x\n!{78}/);
  });
});
