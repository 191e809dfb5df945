import { z } from 'zod';

/**
 * The web dashboard's part of the environment (issue 20): Sign in with Slack under Slack's own variable names,
 * where the app is reached from a browser, and the session. config.ts folds these into its one schema.
 */

export interface DashboardConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Origin the browser uses, such as https://leadwell.example.com (no path). */
  readonly publicUrl: string;
  /** What Slack sends the browser back to; also listed in manifest.yml (oauth_config.redirect_urls). */
  readonly redirectUri: string;
  /** Slack's authorisation page (derived from SLACK_API_URL, so the emulator serves it locally). */
  readonly authorizeUrl: string;
  /** Honour X-Forwarded-Proto / X-Forwarded-For from a reverse proxy in front of the app. */
  readonly trustProxy: boolean;
  readonly sessionHours: number;
}

export const DASHBOARD_CALLBACK_PATH = '/dashboard/auth/callback';

const text = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const dashboardEnv = {
  DASHBOARD: text.refine((v) => v === undefined || ['on', 'off'].includes(v.toLowerCase()), { message: 'expected "on" or "off"' }),
  SLACK_CLIENT_ID: text.refine((v) => v === undefined || /^\d+\.\d+$/.test(v), {
    message: "expected the app's Client ID from its Basic Information page (digits, a dot, digits)",
  }),
  // Never echo the value: it is a secret.
  SLACK_CLIENT_SECRET: text.refine((v) => v === undefined || /^[A-Za-z0-9]{16,}$/.test(v), {
    message: "expected the app's Client Secret from its Basic Information page (16+ letters and digits)",
  }),
  DASHBOARD_URL: text.refine((v) => v === undefined || /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/.test(v), {
    message: 'expected the address people open the app at, with no path, such as https://leadwell.example.com',
  }),
  DASHBOARD_TRUST_PROXY: text.refine((v) => v === undefined || ['true', 'false', '1', '0'].includes(v), { message: 'expected true or false' }),
  DASHBOARD_SESSION_HOURS: text.refine((v) => v === undefined || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 168), {
    message: 'expected a whole number of hours from 1 to 168',
  }),
};

type DashboardEnv = { [K in keyof typeof dashboardEnv]: string | undefined } & { PORT: number; SLACK_API_URL?: string };

/** The dashboard's settings, or undefined when it is off; problems are added one line per variable. */
export function dashboardConfig(e: DashboardEnv, problems: string[]): DashboardConfig | undefined {
  const asked = e.DASHBOARD?.toLowerCase();
  if (asked === 'off' || (asked === undefined && e.SLACK_CLIENT_ID === undefined && e.SLACK_CLIENT_SECRET === undefined)) return undefined;
  const why = asked === 'on' ? 'DASHBOARD=on' : 'the dashboard';
  if (!e.SLACK_CLIENT_ID) problems.push(`SLACK_CLIENT_ID: missing; ${why} signs people in with Slack and needs it (or set DASHBOARD=off)`);
  if (!e.SLACK_CLIENT_SECRET) problems.push(`SLACK_CLIENT_SECRET: missing; ${why} signs people in with Slack and needs it (or set DASHBOARD=off)`);
  if (e.PORT === 0) problems.push('PORT: missing; the dashboard is served on PORT beside /healthz (or set DASHBOARD=off)');
  if (!e.SLACK_CLIENT_ID || !e.SLACK_CLIENT_SECRET || e.PORT === 0) return undefined;
  const publicUrl = (e.DASHBOARD_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    clientId: e.SLACK_CLIENT_ID,
    clientSecret: e.SLACK_CLIENT_SECRET,
    publicUrl,
    redirectUri: `${publicUrl}${DASHBOARD_CALLBACK_PATH}`,
    authorizeUrl: new URL('../openid/connect/authorize', e.SLACK_API_URL ?? 'https://slack.com/api/').toString(),
    trustProxy: e.DASHBOARD_TRUST_PROXY === 'true' || e.DASHBOARD_TRUST_PROXY === '1',
    sessionHours: Number(e.DASHBOARD_SESSION_HOURS ?? 8),
  };
}
