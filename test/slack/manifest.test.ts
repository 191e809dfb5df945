import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import YAML from 'yaml';
import { projectRoot } from '../../src/project-root';
import { readReference } from '../helpers/reference';
import { DASHBOARD_CALLBACK_PATH } from '../../src/config-dashboard';

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The schema's only format; checked with the platform's URL parser rather than a new dependency.
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addSchema(readReference('manifest/manifest.schema.1.0.0.json'), 'manifest.schema.1.0.0.json');
  ajv.addSchema(readReference('manifest/manifest.schema.2.0.0.json'), 'manifest.schema.2.0.0.json');
  return ajv.compile(readReference('manifest/manifest.schema.local.json') as object);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed YAML document, checked by the schema
export function loadManifest(): Record<string, any> {
  return YAML.parse(fs.readFileSync(path.join(projectRoot(), 'manifest.yml'), 'utf8'));
}

describe('manifest.yml', () => {
  const validate = validator();

  it('the validator works on Slack\'s own examples', () => {
    expect(validate(readReference('manifest/examples/v1.manifest.valid.json'))).toBe(true);
    expect(validate(readReference('manifest/examples/v1.manifest.invalid.json'))).toBe(false);
  });

  it('is valid against Slack\'s app-manifest JSON Schema', () => {
    const ok = validate(loadManifest());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('asks for Socket Mode, interactivity, App Home and the least scopes the features use', () => {
    const m = loadManifest();
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    const scopes: string[] = m.oauth_config.scopes.bot;
    expect(scopes).toEqual(expect.arrayContaining(['commands', 'chat:write', 'im:write', 'users:read']));
    // Scopes we deliberately do not ask for: reading messages or acting as users.
    for (const s of ['channels:history', 'groups:history', 'im:history', 'chat:write.customize', 'admin']) expect(scopes).not.toContain(s);
    // Users: only Sign in with Slack's identity scopes, for the dashboard.
    expect(m.oauth_config.scopes.user).toEqual(['openid', 'profile']);
  });

  it("lists the dashboard's Sign in with Slack redirect URL at the callback path the app serves", () => {
    const urls: string[] = loadManifest().oauth_config.redirect_urls;
    expect(urls).toHaveLength(1);
    expect(new URL(urls[0]!).pathname).toBe(DASHBOARD_CALLBACK_PATH);
    expect(new URL(urls[0]!).protocol).toBe('https:');
  });
});
