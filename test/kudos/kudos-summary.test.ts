import { valuesInActionSummary } from '../../src/domain/kudos-summary';
import { valuesInActionMessage } from '../../src/slack/ui/kudos-summary';
import type { Kudos } from '../../src/domain/kudos';

const VALUES = ['Customer first', 'Ownership', 'Craft'];
let nextId = 1;
const k = (giverId: string, recipientIds: string[], value: string): Kudos => ({
  id: nextId++, giverId, recipientIds, value, message: 'm', postStatus: 'posted', idempotencyKey: `k${nextId}`, createdAt: 1,
});

describe('values in action summary', () => {
  const kudos = [k('U1', ['U2', 'U3'], 'Craft'), k('U2', ['U3'], 'Craft'), k('U3', ['U1'], 'Ownership'), k('U1', ['U4'], 'Retired value')];

  it('counts values in the company order, people reached and givers, and keeps retired values apart', () => {
    const s = valuesInActionSummary({ kudos, companyValues: VALUES, label: 'November 2026', activePeople: 8 });
    expect(s).toEqual({
      label: 'November 2026',
      kudosCount: 4,
      peopleRecognised: 4,
      peopleGiving: 3,
      reach: 0.5,
      values: [
        { value: 'Customer first', count: 0, share: 0 },
        { value: 'Ownership', count: 1, share: 0.25 },
        { value: 'Craft', count: 2, share: 0.5 },
      ],
      otherCount: 1,
    });
  });

  it('renders values and spread with no person named or ranked', () => {
    const msg = valuesInActionMessage(valuesInActionSummary({ kudos, companyValues: VALUES, label: 'November 2026', activePeople: 8 }));
    const all = JSON.stringify(msg.blocks);
    expect(all).not.toMatch(/<@U/);
    expect(all).toContain('(50% of everyone)');
    expect(all.indexOf('Customer first')).toBeLessThan(all.indexOf('Ownership'));
    expect(all.indexOf('Ownership')).toBeLessThan(all.indexOf('Craft'));
    expect(msg.text).toBe('Values in action, November 2026: 4 kudos, 4 people recognised by 3 colleagues.');
  });

  it('has a friendly empty month', () => {
    const msg = valuesInActionMessage(valuesInActionSummary({ kudos: [], companyValues: VALUES, label: 'May 2026' }));
    expect(JSON.stringify(msg.blocks)).toContain('No kudos were given');
  });
});
