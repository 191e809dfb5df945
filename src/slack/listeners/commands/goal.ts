import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { logOf } from '../named';
import { neutraliseMentions, parseCommandText, splitSubcommand } from '../../command-text';
import { isDomainError } from '../../../domain/errors';
import { goalHelpMessage, goalListMessage, goalNotice, goalReportMessage, goalUpdatePicker } from '../../ui/goal-messages';
import { openCheckInModal, openGoalModal } from '../views/goal-open';
import { openPlanModal } from '../views/plan-open';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type Reply = { text: string; blocks: unknown[] };

const private_ = (respond: RespondFn, message: Reply) => respond({ response_type: 'ephemeral', ...(message as { text: string }) });

const NEW = new Set(['', 'new', 'add', 'create', 'set']);
const UPDATE = new Set(['update', 'check-in', 'checkin', 'progress']);

async function help(deps: ListenerDeps, userId: string, prefix?: string): Promise<Reply> {
  const message = goalHelpMessage({ remindersOn: await deps.goals.remindersEnabled(userId), isManager: (await deps.people.reportsOf(userId)).length > 0 });
  return prefix ? { text: `${prefix} ${message.text}`, blocks: [...goalNotice(prefix).blocks, ...message.blocks] } : message;
}

async function reminders(deps: ListenerDeps, userId: string, arg: string): Promise<Reply> {
  const word = arg.trim().toLowerCase();
  if (word !== 'on' && word !== 'off') {
    const on = await deps.goals.remindersEnabled(userId);
    return goalNotice(`The monthly goal reminder is *${on ? 'on' : 'off'}*. Use \`/goal reminders ${on ? 'off' : 'on'}\` to switch it.`);
  }
  await deps.goals.setReminders(userId, word === 'on');
  return goalNotice(
    word === 'on'
      ? 'Monthly goal reminders are on: if a goal goes two weeks without a check-in, you get one short note a month.'
      : 'Monthly goal reminders are off. `/goal reminders on` brings them back.',
  );
}

/** `/goal`: the create modal; `update`, `list`, `help`, `reminders on|off`, `plan`, `report` (admins: counts only). */
export function goalCommand(deps: ListenerDeps) {
  return async ({ ack, command, respond, client, context }: Args): Promise<void> => {
    await ack();
    const [sub, rest] = splitSubcommand(command.text);
    const userId = command.user_id;
    try {
      if (NEW.has(sub)) return void (await openGoalModal(deps, client, command.trigger_id, userId, { origin: 'command' }));
      if (sub === 'help') return void (await private_(respond, await help(deps, userId)));
      if (sub === 'reminders' || sub === 'reminder') return void (await private_(respond, await reminders(deps, userId, rest)));
      if (sub === 'report' || sub === 'stats') {
        const admin = deps.settings.adminUserIds.includes(userId);
        return void (await private_(respond, admin ? goalReportMessage(await deps.goals.counts()) : goalNotice('Only a Leadwell admin can see the goal figures for the organisation.')));
      }
      if (sub === 'plan') {
        // `/goal plan` is your own plan; `/goal plan @report` opens a report's (the domain refuses anyone else's).
        const whose = parseCommandText(rest).userIds[0] ?? userId;
        if (whose !== userId) await deps.people.ensure(whose);
        return void (await openPlanModal(deps, client, command.trigger_id, userId, whose, 'command'));
      }
      await deps.people.ensure(userId);
      const mine = await deps.goals.mine(userId);
      if (sub === 'list') return void (await private_(respond, goalListMessage(mine)));
      if (UPDATE.has(sub)) {
        const open = mine.filter((g) => g.status !== 'done');
        if (open.length === 1 && open[0]) {
          return void (await openCheckInModal(deps, client, command.trigger_id, userId, { goalId: open[0].id, origin: 'command' }));
        }
        return void (await private_(respond, goalUpdatePicker(mine)));
      }
      await private_(respond, await help(deps, userId, `I don't know \`/goal ${neutraliseMentions(sub).slice(0, 40)}\`.`));
    } catch (err) {
      if (!isDomainError(err)) throw err;
      logOf(context)?.info({ code: err.code }, 'goal command refused');
      await private_(respond, goalNotice(err.userMessage));
    }
  };
}
