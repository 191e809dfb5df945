/**
 * The App Home welcome: shown from a person's first Home open until they dismiss it (or a week has passed),
 * worded for who they are. The first admin to open Home after install is taken as the installer (Socket Mode and
 * a single bot token do not say who installed the app) and gets the setup steps once. Nothing is DMed on install.
 */

export const WELCOME_SHOWN_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export type WelcomeRole = 'installer' | 'admin' | 'manager' | 'report';

export interface WelcomeRepository {
  /** Records the first Home open (kept if already set); returns when that first open was. */
  firstOpen(personId: string, at: number): Promise<number>;
  seenAt(personId: string): Promise<number | undefined>;
  dismissedAt(personId: string): Promise<number | undefined>;
  dismiss(personId: string, at: number): Promise<void>;
  /** Claims the installer's welcome for this admin unless another admin already had it; true for exactly one. */
  claimInstaller(personId: string, at: number): Promise<boolean>;
  installerId(): Promise<string | undefined>;
}

export interface WelcomeFacts {
  isAdmin: boolean;
  /** Has reports on record, preps 1:1s or set a level. */
  manages: boolean;
}

export interface WelcomeService {
  /** The Home tab was opened: starts the welcome window (first open only) and, for the first admin, the installer's welcome. */
  opened(personId: string, facts: Pick<WelcomeFacts, 'isAdmin'>): Promise<void>;
  /** Which welcome to show now, if any. */
  roleToShow(personId: string, facts: WelcomeFacts): Promise<WelcomeRole | undefined>;
  dismiss(personId: string): Promise<void>;
}

export function createWelcomeService(deps: { welcome: WelcomeRepository; clock: { now(): number } }): WelcomeService {
  const { welcome, clock } = deps;
  return {
    async opened(personId, facts) {
      const now = clock.now();
      await welcome.firstOpen(personId, now);
      // claimInstaller is itself conditional (true for exactly one admin), so the check before it only saves a write.
      if (facts.isAdmin && (await welcome.installerId()) === undefined) await welcome.claimInstaller(personId, now);
    },
    async roleToShow(personId, facts) {
      const seen = await welcome.seenAt(personId);
      if (seen === undefined || (await welcome.dismissedAt(personId)) !== undefined) return undefined;
      if (clock.now() - seen > WELCOME_SHOWN_DAYS * DAY_MS) return undefined;
      if (facts.isAdmin) return (await welcome.installerId()) === personId ? 'installer' : 'admin';
      return facts.manages ? 'manager' : 'report';
    },
    dismiss: (personId) => welcome.dismiss(personId, clock.now()),
  };
}
