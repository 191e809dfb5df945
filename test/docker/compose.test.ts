import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { loadConfig } from '../../src/config';

/** docker-compose.yml cannot run here (no Docker); check what it hands Leadwell instead. */
const compose = YAML.parse(fs.readFileSync(path.join(__dirname, '../../docker-compose.yml'), 'utf8')) as {
  services: Record<string, { environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; healthcheck?: object; build?: string }>;
  volumes: Record<string, unknown>;
};

describe('docker-compose.yml (Leadwell on PostgreSQL)', () => {
  it('hands Leadwell a DATABASE_URL its config accepts, pointing at the postgres service and its database', () => {
    const { leadwell, postgres } = compose.services;
    const password = 'a1b2c3d4e5f6';
    const url = leadwell!.environment!.DATABASE_URL!.replace('${POSTGRES_PASSWORD}', password);
    // .env (env_file) brings the Slack credentials and LEADWELL_SECRET.
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A-1-abc', LEADWELL_SECRET: 'compose-test-leadwell-secret-0123456789', DATABASE_URL: url });
    const parsed = new URL(config.databaseUrl!);
    expect(parsed.hostname).toBe('postgres');
    expect(parsed.username).toBe(postgres!.environment!.POSTGRES_USER);
    expect(parsed.pathname).toBe(`/${postgres!.environment!.POSTGRES_DB}`);
    expect(parsed.password).toBe(password);
  });

  it('starts Leadwell only once PostgreSQL answers, and keeps the data on a named volume', () => {
    const { leadwell, postgres } = compose.services;
    expect(leadwell!.build).toBe('.');
    expect(leadwell!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(postgres!.healthcheck).toBeDefined();
    expect(Object.keys(compose.volumes)).toEqual(['pgdata']);
  });
});
