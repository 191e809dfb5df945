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

/** The person's welcome columns and the installer's id, when the caller has just read them with other things. */
export interface WelcomeState {
  seenAt?: number;
  dismissedAt?: number;
  installerId?: string;
}

export interface WelcomeService {
  /**
   * The Home tab was opened: starts the welcome window (first open only) and, for the first admin, the installer's
   * welcome. Given the state just read, writes only what is still missing and returns the state after it.
   */
  opened(personId: string, facts: Pick<WelcomeFacts, 'isAdmin'>, known?: WelcomeState): Promise<WelcomeState | undefined>;
  /** Which welcome to show now, if any (from `known` when given, without reading). */
  roleToShow(personId: string, facts: WelcomeFacts, known?: WelcomeState): Promise<WelcomeRole | undefined>;
  dismiss(personId: string): Promise<void>;
}

export function createWelcomeService(deps: { welcome: WelcomeRepository; clock: { now(): number } }): WelcomeService {
  const { welcome, clock } = deps;
  return {
    async opened(personId, facts, known) {
      const now = clock.now();
      // firstOpen keeps a first open already recorded, so with one on record it would change nothing.
      const seenAt = known?.seenAt ?? (await welcome.firstOpen(personId, now));
      // claimInstaller is itself conditional (true for exactly one admin), so the check before it only saves a write.
      let installerId = known ? known.installerId : facts.isAdmin ? await welcome.installerId() : undefined;
      if (facts.isAdmin && installerId === undefined && (await welcome.claimInstaller(personId, now))) installerId = personId;
      // Another admin's claim that won the race names someone else: this admin is not the installer either way.
      return known ? { ...known, seenAt, installerId } : undefined;
    },
    async roleToShow(personId, facts, known) {
      const seen = known ? known.seenAt : await welcome.seenAt(personId);
      if (seen === undefined || (known ? known.dismissedAt : await welcome.dismissedAt(personId)) !== undefined) return undefined;
      if (clock.now() - seen > WELCOME_SHOWN_DAYS * DAY_MS) return undefined;
      if (facts.isAdmin) return (known ? known.installerId : await welcome.installerId()) === personId ? 'installer' : 'admin';
      return facts.manages ? 'manager' : 'report';
    },
    dismiss: (personId) => welcome.dismiss(personId, clock.now()),
  };
}
