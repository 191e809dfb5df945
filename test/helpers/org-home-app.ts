/**
 * The shared harness (real app, real receiver, emulator) started for the org / App Home / settings tests:
 * no default seed (each test names its own people), chosen admins, and two readers these tests use a lot.
 */
import { HARNESS_START, startHarness, type Harness } from './harness';

export const START = HARNESS_START;

export interface OrgHomeApp extends Harness {
  /** The Home tab's blocks as JSON text, for assertions that read like what a person sees. */
  homeText(userId: string): string;
  /** How many views.publish calls went out for this user. */
  publishes(userId: string): number;
}

export async function startOrgHomeApp(options: { admins?: string[] } = {}): Promise<OrgHomeApp> {
  const h = await startHarness({ seed: false, env: { ADMIN_USER_IDS: (options.admins ?? []).join(',') } });
  return Object.assign(h, {
    homeText: (userId: string) => JSON.stringify(h.emulator.home(userId)?.blocks ?? []),
    publishes: (userId: string) => h.emulator.calls.filter((c) => c.method === 'views.publish' && c.args.user_id === userId).length,
  });
}
