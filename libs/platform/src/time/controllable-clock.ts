import type { Clock } from './clock.js';

/**
 * A clock tests move forward: another clock (the system's, or a test's fixed one) plus an offset.
 * Only ever built when TEST_CLOCK_CONTROL is on (refused in production), and it never goes back:
 * the domain assumes time does not run backwards over a complaint's history.
 */
export class ControllableClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: Clock) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  advance(ms: number): Date {
    if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError('a clock only moves forward');
    this.offsetMs += ms;
    return this.now();
  }
}
