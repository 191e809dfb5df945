import type { Clock } from './ports';

export type WorkspaceStatus = 'active' | 'uninstalled' | 'revoked';

export interface WorkspaceRepository {
  status(teamId: string): Promise<WorkspaceStatus>;
  setStatus(teamId: string, status: WorkspaceStatus, at: number): Promise<void>;
}

export interface WorkspaceService {
  /** app_uninstalled / tokens_revoked: stop all sending for that workspace and keep the data. */
  stopSending(teamId: string, reason: 'uninstalled' | 'revoked'): Promise<void>;
  reactivate(teamId: string): Promise<void>;
  canSend(teamId: string): Promise<boolean>;
  /** Remembers the workspace this app is installed in (auth.test at start-up). */
  adoptInstallation(teamId: string): void;
  /** True only for the installed workspace: events about other workspaces' people are refused. */
  isInstallation(teamId: string | undefined): boolean;
}

export function createWorkspaceService(deps: { workspaces: WorkspaceRepository; clock: Clock }): WorkspaceService {
  let installed: string | undefined;
  return {
    adoptInstallation: (teamId) => {
      installed = teamId;
    },
    // Unknown until start-up has asked Slack: nothing is accepted before then.
    isInstallation: (teamId) => installed !== undefined && teamId === installed,
    stopSending: (teamId, reason) => deps.workspaces.setStatus(teamId, reason, deps.clock.now()),
    reactivate: (teamId) => deps.workspaces.setStatus(teamId, 'active', deps.clock.now()),
    canSend: async (teamId) => (await deps.workspaces.status(teamId)) === 'active',
  };
}
