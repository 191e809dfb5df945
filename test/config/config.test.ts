import { loadConfig } from '../../src/config';
import { configProblems } from '../helpers/config-problems';

const LEADWELL_SECRET = 'f'.repeat(64);
const http = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef', PORT: '3100', LEADWELL_SECRET };

const problems = configProblems;

describe('loadConfig', () => {
  it('points to npm run dev when no Slack credentials are given', () => {
    const lines = problems({});
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^SLACK_BOT_TOKEN: missing/);
    expect(lines[0]).toContain('npm run dev');
  });

  it('chooses HTTP mode with a signing secret and a port, and applies defaults', () => {
    const c = loadConfig(http);
    expect(c.mode).toBe('http');
    expect(c.port).toBe(3100);
    expect(c.slack.apiUrl).toBe('https://slack.com/api/');
    expect(c.databasePath).toBe('./data/leadwell.db');
    expect(c.companyValues.length).toBeGreaterThan(2);
    expect(c.kudosDailyCap).toBe(10);
  });

  it('chooses Socket Mode when an app token is set', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A-1-abc', LEADWELL_SECRET });
    expect(c.mode).toBe('socket');
  });

  it('names every malformed variable, one line each', () => {
    const lines = problems({
      ...http,
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      PORT: 'eighty',
      SLACK_API_URL: 'localhost:3000/api',
      ADMIN_USER_IDS: 'U123ABC,not-an-id',
      LOG_LEVEL: 'loud',
    });
    const names = lines.map((l) => l.split(':')[0]);
    expect(names.sort()).toEqual(['ADMIN_USER_IDS', 'LOG_LEVEL', 'PORT', 'SLACK_API_URL', 'SLACK_BOT_TOKEN']);
    expect(lines.find((l) => l.startsWith('PORT'))).toContain('eighty');
  });

  it('asks for what HTTP mode misses', () => {
    const lines = problems({ SLACK_BOT_TOKEN: 'xoxb-1', LEADWELL_SECRET });
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(['PORT', 'SLACK_SIGNING_SECRET']);
  });

  it('parses lists and trims values', () => {
    const c = loadConfig({ ...http, ADMIN_USER_IDS: ' U0ADMIN1 , U0ADMIN2 ', COMPANY_VALUES: 'Be kind, Ship it ,' });
    expect(c.adminUserIds).toEqual(['U0ADMIN1', 'U0ADMIN2']);
    expect(c.companyValues).toEqual(['Be kind', 'Ship it']);
  });

  it('has no default for any secret', () => {
    const c = loadConfig(http);
    expect(c.slack.appToken).toBeUndefined();
    expect(problems({ SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef', PORT: '1' })[0]).toMatch(/^SLACK_BOT_TOKEN/);
  });

  describe('LEADWELL_SECRET (keys the pulse receipts)', () => {
    const { LEADWELL_SECRET: _omit, ...withoutSecret } = http;

    it('is required while the pulse is on (the default): start-up fails with one line naming it', () => {
      const lines = problems(withoutSecret);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^LEADWELL_SECRET: missing; .*PULSE_ENABLED=false/);
      expect(lines[0]).not.toContain('\n');
      expect(problems({ ...withoutSecret, PULSE_ENABLED: 'true' })[0]).toMatch(/^LEADWELL_SECRET: missing/);
    });

    it('never falls back to the signing secret or the bot token', () => {
      const c = loadConfig({ ...withoutSecret, PULSE_ENABLED: 'false' });
      expect(c.pulseEnabled).toBe(false);
      expect(c.hashSecret).toBeUndefined();
      expect(loadConfig(http).hashSecret).toBe(LEADWELL_SECRET);
    });

    it('refuses a Slack credential, a short value and a bad PULSE_ENABLED', () => {
      const signing = 'abcdef0123456789abcdef0123456789abcdef';
      expect(problems({ ...http, SLACK_SIGNING_SECRET: signing, LEADWELL_SECRET: signing })[0]).toMatch(/^LEADWELL_SECRET: must not be a Slack credential/);
      expect(problems({ ...http, LEADWELL_SECRET: 'short' })[0]).toMatch(/^LEADWELL_SECRET: expected at least 32/);
      expect(problems({ ...http, PULSE_ENABLED: 'yes' })[0]).toMatch(/^PULSE_ENABLED: /);
    });
  });
});
