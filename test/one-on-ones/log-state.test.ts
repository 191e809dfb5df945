import { errorsToBlocks, parseLogMeta, readLogState } from '../../src/slack/listeners/views/one-on-one-log-state';
import { logIdempotencyKey } from '../../src/slack/listeners/views/one-on-one-log';
import { parseButtonValue } from '../../src/slack/listeners/actions/one-on-one-common';
import { LOG_DATE_BLOCK, LOG_ENERGY_BLOCK, LOG_NOTES_BLOCK, LOG_OPTIONS_BLOCK, doneBlock, itemOwnerBlock, itemTextBlock } from '../../src/slack/ui/one-on-one-log-modal';

describe('log modal state', () => {
  const meta = { r: 'UALICE', n: 2 };

  it('reads every field Slack sends back', () => {
    const values = {
      [LOG_DATE_BLOCK]: { value: { type: 'datepicker', selected_date: '2026-11-26' } },
      [LOG_NOTES_BLOCK]: { value: { type: 'plain_text_input', value: 'private' } },
      [itemTextBlock(0)]: { value: { type: 'plain_text_input', value: 'Book course' } },
      [itemOwnerBlock(0)]: { value: { type: 'static_select', selected_option: { value: 'UMGR' } } },
      [itemTextBlock(1)]: { value: { type: 'plain_text_input', value: null } },
      [itemOwnerBlock(1)]: { value: { type: 'static_select', selected_option: null } },
      [doneBlock(0)]: { value: { type: 'checkboxes', selected_options: [{ value: '7' }, { value: 'junk' }] } },
      [doneBlock(1)]: { value: { type: 'checkboxes', selected_options: [{ value: '12' }] } },
      [LOG_ENERGY_BLOCK]: { value: { type: 'radio_buttons', selected_option: { value: '4' } } },
      [LOG_OPTIONS_BLOCK]: { value: { type: 'checkboxes', selected_options: [{ value: 'summary' }] } },
    };
    expect(readLogState(values, meta)).toEqual({
      reportId: 'UALICE', heldOn: '2026-11-26', notes: 'private',
      items: [{ row: 0, text: 'Book course', ownerId: 'UMGR' }, { row: 1, text: '' }],
      doneItemIds: [7, 12], energy: 4, careerTalk: false, sendSummary: true,
    });
  });

  it('reads garbage as empty, never throws', () => {
    const r = readLogState({ [LOG_ENERGY_BLOCK]: { value: { selected_option: { value: '9' } } }, weird: 'x' }, meta);
    expect(r).toMatchObject({ heldOn: '', notes: '', doneItemIds: [], careerTalk: false, sendSummary: false });
    expect(r).not.toHaveProperty('energy');
  });

  it('maps domain fields to blocks and parses metadata and button values defensively', () => {
    expect(errorsToBlocks({ date: 'a', notes: 'b', 'item:2': 'c', 'owner:1': 'd' })).toEqual({
      [LOG_DATE_BLOCK]: 'a', [LOG_NOTES_BLOCK]: 'b', [itemTextBlock(2)]: 'c', [itemOwnerBlock(1)]: 'd',
    });
    expect(parseLogMeta('{"r":"U1","n":3}')).toEqual({ r: 'U1', n: 3 });
    expect(parseLogMeta('{"r":"U1","n":99}')).toBeUndefined();
    expect(parseLogMeta('nope')).toBeUndefined();
    expect(parseButtonValue('{"r":"U1","g":["a"]}')).toEqual({ r: 'U1', g: ['a'] });
    expect(parseButtonValue('{"g":[]}')).toBeUndefined();
    expect(parseButtonValue(undefined)).toBeUndefined();
  });

  it('derives one idempotency key per opened modal', () => {
    expect(logIdempotencyKey('T1', 'V1')).toBe(logIdempotencyKey('T1', 'V1'));
    expect(logIdempotencyKey('T1', 'V1')).not.toBe(logIdempotencyKey('T1', 'V2'));
  });
});
