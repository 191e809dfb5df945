import type { Fault } from './types';

export interface FaultQueue {
  inject(method: string, fault: Fault, times?: number): void;
  /** The fault for this call of `method`, if one is pending (a method's own faults first, then `'*'`). */
  take(method: string): Fault | undefined;
  clear(): void;
}

export function createFaultQueue(): FaultQueue {
  const pending = new Map<string, { fault: Fault; remaining: number }[]>();
  const takeFrom = (key: string): Fault | undefined => {
    const queue = pending.get(key);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head.fault;
  };
  return {
    inject(method, fault, times = 1) {
      if (!Number.isInteger(times) || times < 1) throw new Error(`inject: times must be a positive integer, got ${times}`);
      const queue = pending.get(method) ?? [];
      queue.push({ fault, remaining: times });
      pending.set(method, queue);
    },
    take: (method) => takeFrom(method) ?? takeFrom('*'),
    clear: () => pending.clear(),
  };
}
