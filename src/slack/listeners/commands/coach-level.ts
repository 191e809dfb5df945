import type { CoachSubcommand } from './coach-types';
import { DomainError } from '../../../domain/errors';
import { parseLevel } from '../../../domain/levels';
import { parseCommandText } from '../../command-text';
import { publishHome } from '../actions/home-publish';
import { levelChangedMessage, levelStatusMessage } from '../../ui/settings-messages';

const USAGE = 'Use `/coach level frontline`, `/coach level mid-level`, `/coach level executive`, or `/coach level auto` to follow your org chart.';

/** `/coach level [@person] [frontline|mid-level|executive|auto]`: see or change a level; someone else's only as an admin. */
export const coachLevel: CoachSubcommand = async ({ deps, client, command, args, respond }) => {
  const me = command.user_id;
  await deps.people.ensure(me);
  const parsed = parseCommandText(args);
  const target = parsed.userIds[0];
  if (parsed.userIds.length > 1 || parsed.names.length > 0) {
    throw new DomainError('level_many', 'One person at a time, mentioned with @: `/coach level @alice executive`.');
  }
  const word = parsed.rest;
  if (!word) {
    const who = target ?? me;
    const message = levelStatusMessage(await deps.levels.levelOf(who), { managesPeople: (await deps.people.reportsOf(who)).length > 0, subjectId: target });
    await respond({ response_type: 'ephemeral', ...message });
    return;
  }
  const level = parseLevel(word);
  if (!level) throw new DomainError('level_unknown', `"${word.slice(0, 40)}" is not a level I know. ${USAGE}`);
  if (target && target !== me) {
    if (!deps.levels.isAdmin(me)) {
      throw new DomainError('not_admin', "Only a Leadwell admin can set someone else's level. Yours: `/coach level mid-level`.");
    }
    await deps.people.ensure(target);
    const info = await deps.levels.setByAdmin(me, target, level);
    await respond({ response_type: 'ephemeral', ...levelChangedMessage(info, target) });
    return;
  }
  const info = await deps.levels.setOwn(me, level);
  await respond({ response_type: 'ephemeral', ...levelChangedMessage(info) });
  await publishHome(deps, client, me);
};
