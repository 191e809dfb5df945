import type { WorkspaceRepository, WorkspaceStatus } from '../domain/workspace-service';
import { SERVER_SIDE, type Executor } from './engine';
import { preparedShared } from './prepared-named';

/** Every Slack request's workspace check: built once per database, named on the PostgreSQL server. */
const STATUS = (db: Executor, p: { teamId: string }) => db.selectFrom('workspaces').select('status').where('team_id', '=', p.teamId);

export function createWorkspaceRepository(db: Executor): WorkspaceRepository {
  const status = preparedShared(db, STATUS, SERVER_SIDE);
  return {
    status: async (teamId) => ((await status({ teamId })).rows[0]?.status as WorkspaceStatus | undefined) ?? 'active',
    setStatus: async (teamId, status, at) => {
      await db.insertInto('workspaces').values({ team_id: teamId, status, updated_at: at })
        .onConflict((oc) => oc.column('team_id').doUpdateSet((eb) => ({ status: eb.ref('excluded.status'), updated_at: eb.ref('excluded.updated_at') })))
        .execute();
    },
  };
}
