import type { Db } from './database';
import type { WorkspaceRepository, WorkspaceStatus } from '../domain/workspace-service';
import { asyncPort } from './interim-async';

export function createWorkspaceRepository(db: Db): WorkspaceRepository {
  const get = db.prepare<[string], { status: WorkspaceStatus }>('SELECT status FROM workspaces WHERE team_id = ?');
  const set = db.prepare(`INSERT INTO workspaces (team_id, status, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (team_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`);
  return asyncPort<WorkspaceRepository>({
    status: (teamId) => get.get(teamId)?.status ?? 'active',
    setStatus: (teamId, status, at) => {
      set.run(teamId, status, at);
    },
  });
}
