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
  /** The person's welcome columns and the installer, for a caller that has not read them with other things. */
  stateOf(personId: string): Promise<WelcomeState>;
  /**
   * The Home tab was opened: starts the welcome window (first open only) and, for the first admin, the installer's
   * welcome. Writes only what the state just read is missing, and returns the state after it.
   */
  opened(personId: string, facts: Pick<WelcomeFacts, 'isAdmin'>, known: WelcomeState): Promise<WelcomeState>;
  /** Which welcome to show now, if any, from the person's state. */
  roleToShow(personId: string, facts: WelcomeFacts, state: WelcomeState): WelcomeRole | undefined;
  dismiss(personId: string): Promise<void>;
}

export function createWelcomeService(deps: { welcome: WelcomeRepository; clock: { now(): number } }): WelcomeService {
  const { welcome, clock } = deps;
  return {
    async stateOf(personId) {
      const [seenAt, dismissedAt, installerId] = await Promise.all([welcome.seenAt(personId), welcome.dismissedAt(personId), welcome.installerId()]);
      return { seenAt, dismissedAt, installerId };
    },
    async opened(personId, facts, known) {
      const now = clock.now();
      // firstOpen keeps a first open already recorded, so with one on record it would change nothing.
      const seenAt = known.seenAt ?? (await welcome.firstOpen(personId, now));
      // claimInstaller is itself conditional (true for exactly one admin): another admin's claim that won the race
      // leaves this admin's installer unknown here, and a later read names the winner.
      let installerId = known.installerId;
      if (facts.isAdmin && installerId === undefined && (await welcome.claimInstaller(personId, now))) installerId = personId;
      return { ...known, seenAt, installerId };
    },
    roleToShow(personId, facts, state) {
      if (state.seenAt === undefined || state.dismissedAt !== undefined) return undefined;
      if (clock.now() - state.seenAt > WELCOME_SHOWN_DAYS * DAY_MS) return undefined;
      if (facts.isAdmin) return state.installerId === personId ? 'installer' : 'admin';
      return facts.manages ? 'manager' : 'report';
    },
    dismiss: (personId) => welcome.dismiss(personId, clock.now()),
  };
}
