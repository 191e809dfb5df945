/**
 * Polls an async check until it holds: database reads are async on both engines, and the emulator's own
 * waitFor would take the pending promise itself as "true". Returns the first truthy value.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 4000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`eventually: still false after ${timeoutMs} ms: ${check.toString().slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
