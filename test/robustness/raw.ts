import type { Harness } from '../helpers/harness';
import { SIGNING_SECRET } from '../helpers/harness';
import { signedHeaders } from '../../tools/emulator/signing';
import { viewJson } from '../../tools/emulator/serialize';
import { teamJson, userRef, VERIFICATION_TOKEN } from '../../tools/emulator/driver-payloads';
import type { Json } from '../../tools/emulator';

type Block = { type: string; block_id?: string; element?: Json & { type: string; action_id: string } };

/**
 * What a hostile or buggy client could send and Slack's own client never would: a view_submission whose
 * state we write ourselves (required inputs empty, texts over max_length, options not in the list).
 */
export async function sendInteractive(t: Harness, payload: Json): Promise<{ status: number; body: unknown; ms: number }> {
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const started = Date.now();
  const res = await fetch(t.eventsUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(SIGNING_SECRET, t.emulator.clock.now(), body) },
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text.trim() === '' ? '' : (JSON.parse(text) as unknown);
  } catch {
    /* a text answer stays text */
  }
  return { status: res.status, body: parsed, ms: Date.now() - started };
}

export type Fill = 'empty' | 'overlong' | 'garbage';

function entryFor(el: Json & { type: string }, fill: Fill): Json {
  const long = 'ж'.repeat(((el.max_length as number | undefined) ?? 3000) + 500);
  const junkOption = { text: { type: 'plain_text', text: 'junk' }, value: "x'; DROP TABLE goals; --" };
  switch (el.type) {
    case 'plain_text_input':
      return { type: el.type, value: fill === 'empty' ? null : fill === 'overlong' ? long : '{"__proto__":1}\u0000' };
    case 'static_select':
    case 'radio_buttons':
      return { type: el.type, selected_option: fill === 'empty' ? null : junkOption };
    case 'checkboxes':
      return { type: el.type, selected_options: fill === 'empty' ? [] : [junkOption, junkOption] };
    case 'multi_users_select':
      return { type: el.type, selected_users: fill === 'empty' ? [] : Array.from({ length: fill === 'overlong' ? 300 : 2 }, (_, i) => `UNOTREAL${i}`) };
    case 'users_select':
      return { type: el.type, selected_user: fill === 'empty' ? null : 'UNOTREAL' };
    case 'datepicker':
      return { type: el.type, selected_date: fill === 'empty' ? null : fill === 'overlong' ? '99999-01-01' : '2026-13-45' };
    default:
      return { type: el.type, value: null };
  }
}

/** A view_submission of the user's top modal with every input filled the given hostile way. */
export function craftedSubmission(t: Harness, userId: string, fill: Fill): Json {
  const view = t.emulator.state.modals.get(userId)?.at(-1);
  const user = t.emulator.state.users.get(userId);
  if (!view || !user) throw new Error(`no open modal for ${userId}`);
  const values: Record<string, Record<string, Json>> = {};
  for (const block of view.blocks as unknown as Block[]) {
    if (block.type !== 'input' || !block.element || !block.block_id) continue;
    values[block.block_id] = { [block.element.action_id]: entryFor(block.element, fill) };
  }
  return {
    type: 'view_submission',
    team: teamJson(t.emulator.state),
    user: userRef(t.emulator.state, user),
    api_app_id: t.emulator.state.team.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: t.emulator.issueTrigger(userId),
    view: { ...viewJson(view), state: { values } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
