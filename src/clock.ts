import type { Clock } from './domain/ports';

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that keeps ticking but can jump: the playground's "advance to next Monday" control. */
export interface AdjustableClock extends Clock {
  travelTo(ms: number): void;
  advance(ms: number): void;
}

export function createAdjustableClock(base: Clock = systemClock): AdjustableClock {
  let offset = 0;
  return {
    now: () => base.now() + offset,
    travelTo: (ms) => {
      offset = ms - base.now();
    },
    advance: (ms) => {
      offset += ms;
    },
  };
}

/** A clock that stands still unless told: tests travel through weeks with it. */
export interface FixedClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function createFixedClock(start: number): FixedClock {
  let t = start;
  return {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
