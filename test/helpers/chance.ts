/**
 * How many right guesses chance alone allows a pairing attack, for the pulse forensics tests
 * (test/security/pulse-forensics.test.ts, test/storage/contract/pulse-forensics.pg.test.ts).
 *
 * The model (docs/adr/0003-pulse-anonymity.md): the database may show which batch an answer was released in, and
 * within a batch the order is random. Pairing a batch's answers with its people then right-guesses the fixed points
 * of a uniformly random permutation. Its j-th factorial moment is 1 for j ≤ n and 0 beyond, so for t ≥ 0
 * E[(1+t)^X] ≤ e^t; over independent batches (and independent runs) the sum S of right guesses has
 * E[(1+t)^S] ≤ e^(B·t), B the number of batches, and Markov's inequality gives the Chernoff bound
 *
 *     P(S ≥ x) ≤ e^(−B) · (e·B / x)^x   for x > B.
 *
 * `chanceCeiling(B)` is the smallest x where that bound is at most `falseAlarm`: a test asserting S < ceiling
 * fails by chance at most once in 1/falseAlarm runs (one in a million by default). The earlier ceilings,
 * B + 3·√B and B + 4·√B, were normal approximations of a skewed count: chance alone crossed 13.3 of 6 groups in
 * 3 of 300 runs measured here (once in CI, on eedf990).
 */
export function chanceCeiling(batches: number, falseAlarm = 1e-6): number {
  if (!(batches > 0) || !(falseAlarm > 0 && falseAlarm < 1)) throw new RangeError(`chanceCeiling(${batches}, ${falseAlarm})`);
  const logBound = (x: number) => -batches + x * (1 + Math.log(batches / x));
  let x = Math.floor(batches) + 1;
  while (logBound(x) > Math.log(falseAlarm)) x += 1;
  return x;
}

/**
 * The batches the pulse's release rule writes for teams whose answers arrive one by one (pulse-pending-ports.ts):
 * while the month is open, each time 2k answers about one manager wait, k are written; at the close, the rest when
 * k or more wait. `open` counts the first kind, `total` both.
 */
export function releaseBatches(teamSizes: readonly number[], k: number): { open: number; total: number } {
  let open = 0;
  let total = 0;
  for (const size of teamSizes) {
    let waiting = 0;
    for (let i = 0; i < size; i += 1) {
      waiting += 1;
      if (waiting >= 2 * k) {
        waiting -= k;
        open += 1;
        total += 1;
      }
    }
    if (waiting >= k) total += 1;
  }
  return { open, total };
}
