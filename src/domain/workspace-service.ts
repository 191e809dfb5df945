import type { Clock } from './ports';

export type WorkspaceStatus = 'active' | 'uninstalled' | 'revoked';

export interface WorkspaceRepository {
  status(teamId: string): WorkspaceStatus;
  setStatus(teamId: string, status: WorkspaceStatus, at: number): void;
}

export interface WorkspaceService {
  /** app_uninstalled / tokens_revoked: stop all sending for that workspace and keep the data. */
  stopSending(teamId: string, reason: 'uninstalled' | 'revoked'): void;
  reactivate(teamId: string): void;
  canSend(teamId: string): boolean;
}

export function createWorkspaceService(deps: { workspaces: WorkspaceRepository; clock: Clock }): WorkspaceService {
  return {
    stopSending: (teamId, reason) => deps.workspaces.setStatus(teamId, reason, deps.clock.now()),
    reactivate: (teamId) => deps.workspaces.setStatus(teamId, 'active', deps.clock.now()),
    canSend: (teamId) => deps.workspaces.status(teamId) === 'active',
  };
}
