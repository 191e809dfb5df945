import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/project-root';

/** What Slack's published OpenAPI spec says about one method. */
export interface MethodSpec {
  name: string;
  /** Arguments with `required: true`, except `token` (it travels in the Authorization header). */
  required: string[];
  /** Every argument the spec lists. */
  params: string[];
}

export interface ApiSpec {
  method(name: string): MethodSpec | undefined;
}

/** Newer than the (2020) spec snapshot, documented on docs.slack.dev; Slack's SDKs call them. */
const NEWER_METHODS: MethodSpec[] = [
  { name: 'files.getUploadURLExternal', required: ['filename', 'length'], params: ['filename', 'length', 'alt_text', 'snippet_type'] },
  { name: 'files.completeUploadExternal', required: ['files'], params: ['files', 'channel_id', 'channels', 'initial_comment', 'thread_ts'] },
  { name: 'apps.connections.open', required: [], params: [] },
  // Sign in with Slack (OpenID Connect), docs.slack.dev/reference/methods/openid.connect.token and .userInfo.
  { name: 'openid.connect.token', required: ['client_id', 'client_secret'], params: ['client_id', 'client_secret', 'code', 'grant_type', 'redirect_uri', 'refresh_token'] },
  { name: 'openid.connect.userInfo', required: [], params: [] },
];

export function defaultReferenceDir(): string {
  return path.resolve(projectRoot(), 'tools', 'slack-reference');
}

interface OpenApiParam {
  name: string;
  in: string;
  required?: boolean;
}
interface OpenApi {
  paths: Record<string, Record<string, { parameters?: OpenApiParam[] }>>;
}

const cache = new Map<string, ApiSpec>();

export function loadApiSpec(referenceDir: string): ApiSpec {
  const cached = cache.get(referenceDir);
  if (cached) return cached;
  const file = path.join(referenceDir, 'web-api', 'slack_web_openapi_v2.json');
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as OpenApi;
  const methods = new Map<string, MethodSpec>();
  for (const [p, verbs] of Object.entries(doc.paths)) {
    const name = p.replace(/^\//, '');
    const params = Object.values(verbs).flatMap((op) => op.parameters ?? []);
    methods.set(name, {
      name,
      required: [...new Set(params.filter((x) => x.required === true && x.name !== 'token').map((x) => x.name))],
      params: [...new Set(params.map((x) => x.name))],
    });
  }
  for (const m of NEWER_METHODS) methods.set(m.name, m);
  const spec: ApiSpec = { method: (name) => methods.get(name) };
  cache.set(referenceDir, spec);
  return spec;
}

export interface BlockKitLimits {
  get(section: 'surfaces' | 'blocks' | 'elements' | 'composition', key: string): { max?: number; min?: number };
}

/** The limits file, read once; every check names the entry it used so a violation points at Slack's material. */
export function loadLimits(referenceDir: string): BlockKitLimits {
  const raw = JSON.parse(fs.readFileSync(path.join(referenceDir, 'block-kit', 'limits.json'), 'utf8')) as Record<
    string,
    Record<string, { max?: number; min?: number }>
  >;
  return {
    get(section, key) {
      const entry = raw[section]?.[key];
      if (!entry) throw new Error(`block-kit/limits.json has no ${section}."${key}"`);
      return entry;
    },
  };
}
