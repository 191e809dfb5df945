import { serverCpuSince } from './postgres-side';

describe("the bench's server CPU between two readings", () => {
  it('sums what each process alive at the end used since the start, a new one in full, one gone not at all', () => {
    const before = new Map([[10, 5_000], [11, 70_000], [12, 1_000_000]]);
    // 11 used 30 ms; 12 (an idle pool's backend) exited, and its million µs must not come off the total; 13 is new.
    const after = new Map([[10, 5_000], [11, 100_000], [13, 2_500]]);
    expect(serverCpuSince(before, after)).toBe(30_000 + 2_500);
    expect(serverCpuSince(after, after)).toBe(0);
    expect(serverCpuSince(new Map(), after)).toBe(107_500);
  });
});
