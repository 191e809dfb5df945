import type { CoachSubcommand } from './coach-types';
import { tipMessage, tipTopicsMessage } from '../../ui/tip-message';

/** `/coach tip [topic]`: the next tip for the person's level, rotating without repeats. */
export const coachTip: CoachSubcommand = async ({ deps, command, args, respond }) => {
  const { level, source } = await deps.levels.levelOf(command.user_id);
  const managesPeople = source !== 'inferred' || (await deps.people.reportsOf(command.user_id)).length > 0;
  const topic = args.trim().toLowerCase().replace(/^#/, '') || undefined;
  const topics = deps.guidance.topics(level);
  if (topic && !topics.includes(topic)) {
    await respond({ response_type: 'ephemeral', ...tipTopicsMessage({ asked: topic, topics }) });
    return;
  }
  const tip = await deps.guidance.next({ personId: command.user_id, level, topic });
  if (!tip) {
    await respond({ response_type: 'ephemeral', ...tipTopicsMessage({ topics }) });
    return;
  }
  await respond({ response_type: 'ephemeral', ...tipMessage({ tip, level, managesPeople }) });
};
