import type { WorkspaceRepository, WorkspaceStatus } from '../domain/workspace-service';
import type { Executor } from './engine';

export function createWorkspaceRepository(db: Executor): WorkspaceRepository {
  return {
    status: async (teamId) =>
      ((await db.selectFrom('workspaces').select('status').where('team_id', '=', teamId).executeTakeFirst())?.status as WorkspaceStatus | undefined) ?? 'active',
    setStatus: async (teamId, status, at) => {
      await db.insertInto('workspaces').values({ team_id: teamId, status, updated_at: at })
        .onConflict((oc) => oc.column('team_id').doUpdateSet((eb) => ({ status: eb.ref('excluded.status'), updated_at: eb.ref('excluded.updated_at') })))
        .execute();
    },
  };
}
