import { validateLog, NOTES_MAX } from '../../src/domain/one-on-ones-log';
import { logInput } from './fixtures';

const ctx = { today: '2026-11-27', managerId: 'UMGR', reportId: 'UALICE' };

describe('log rules', () => {
  it('accepts today and tomorrow, refuses further ahead or no date', () => {
    expect(validateLog(logInput('UALICE', { heldOn: '2026-11-28' }), ctx).ok).toBe(true);
    const ahead = validateLog(logInput('UALICE', { heldOn: '2026-11-29' }), ctx);
    expect(ahead.ok ? {} : ahead.errors).toEqual({ date: expect.stringContaining('future') });
    const none = validateLog(logInput('UALICE', { heldOn: '' }), ctx);
    expect(none.ok ? {} : none.errors).toHaveProperty('date');
  });

  it('refuses notes over the limit and items with an owner but no text', () => {
    const r = validateLog(
      logInput('UALICE', { notes: 'x'.repeat(NOTES_MAX + 1), items: [{ row: 0, ownerId: 'UMGR', text: '  ' }, { row: 1, text: '' }] }),
      ctx,
    );
    expect(r.ok ? {} : Object.keys(r.errors).sort()).toEqual(['item:0', 'notes']);
  });

  it('skips empty rows, defaults the owner to the report and refuses strangers as owners', () => {
    const ok = validateLog(logInput('UALICE', { items: [{ row: 0, text: ' Book the course ' }, { row: 1, text: '' }, { row: 2, ownerId: 'UMGR', text: 'Ask HR' }] }), ctx);
    expect(ok.ok && ok.log.items).toEqual([
      { ownerId: 'UALICE', text: 'Book the course' },
      { ownerId: 'UMGR', text: 'Ask HR' },
    ]);
    const bad = validateLog(logInput('UALICE', { items: [{ row: 0, ownerId: 'UEVE', text: 'x' }] }), ctx);
    expect(bad.ok ? {} : bad.errors).toHaveProperty('owner:0');
  });
});
