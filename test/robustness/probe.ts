import type { Harness } from '../helpers/harness';
import { answerProblems } from './hostile';

export interface Probe {
  label: string;
  status: number;
  ms: number;
  answer?: 'ephemeral' | 'modal';
  problems: string[];
}

/** Sends one slash command and waits for its private answer (an ephemeral or a modal); closes the modal after. */
export async function probeCommand(t: Harness, userId: string, command: string, text: string, label: string): Promise<Probe> {
  const em = t.emulator;
  const ephemeralsBefore = em.ephemerals(userId).length;
  const viewBefore = em.openView(userId)?.id;
  const violationsBefore = em.violations().length;
  const started = Date.now();
  const res = await t.driver.command(userId, command, text);
  const ms = Date.now() - started;
  const problems: string[] = [];
  let answer: Probe['answer'];
  try {
    answer = await em.waitFor(() => {
      if (em.ephemerals(userId).length > ephemeralsBefore) return 'ephemeral' as const;
      const v = em.openView(userId);
      return v && v.id !== viewBefore ? ('modal' as const) : undefined;
    }, { timeoutMs: 3000 });
  } catch {
    problems.push('no private answer within 3 s');
  }
  if (answer === 'ephemeral') {
    const shown = em.ephemerals(userId).slice(ephemeralsBefore);
    problems.push(...answerProblems(shown.map((e) => ({ text: e.text, blocks: e.blocks })), text));
  }
  if (answer === 'modal') {
    const v = em.openView(userId);
    problems.push(...answerProblems({ title: v?.title, blocks: v?.blocks }, text));
    while (em.openView(userId)) await t.driver.closeView(userId);
  }
  if (res.status !== 200) problems.push(`HTTP ${res.status}`);
  if (ms > 3000) problems.push(`ack took ${ms} ms`);
  const violations = em.violations().slice(violationsBefore);
  if (violations.length > 0) problems.push(`violations: ${JSON.stringify(violations).slice(0, 400)}`);
  return { label, status: res.status, ms, answer, problems };
}
