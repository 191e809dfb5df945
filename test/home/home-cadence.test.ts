import { cadenceStatus } from '../../src/domain/cadence';
import { fastCadenceStatus } from '../../src/domain/home-cadence';

describe('fastCadenceStatus', () => {
  it('gives exactly what cadence.ts gives, across years, leap days, DST changes and every cadence', () => {
    const todays = ['2026-11-25', '2024-02-29', '2026-03-29', '2026-10-25', '2027-01-01'];
    let compared = 0;
    for (const today of todays) {
      const t = Date.parse(`${today}T00:00:00Z`);
      for (let back = -3; back <= 400; back += 1) {
        const last = new Date(t - back * 86_400_000).toISOString().slice(0, 10);
        for (const cadence of [0, 1, 2, 3, 7, 14, 30, 180]) {
          expect(fastCadenceStatus(last, today, cadence)).toEqual(cadenceStatus(last, today, cadence));
          compared += 1;
        }
      }
      expect(fastCadenceStatus(undefined, today, 14)).toEqual(cadenceStatus(undefined, today, 14));
    }
    expect(compared).toBe(5 * 404 * 8);
  });
});
