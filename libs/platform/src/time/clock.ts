/** Time comes in from outside (DESIGN.md): production reads the system clock, tests set their own. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
