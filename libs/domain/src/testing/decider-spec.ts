/**
 * Given/when/then for the decider:
 *
 *   given(received(), categorized()).when(command).then(event, …)
 *   given(…).when(…).thenRejects('COMPLAINT_CLOSED')
 *   given(…).when(…).thenNothing()
 *
 * Besides the expected outcome, every accepted decision is checked for two properties that hold for
 * all rules: the events survive a JSON round trip unchanged (they are stored as JSON and hashed),
 * and they fold onto the history without error.
 */
import type { DecisionContext } from '../complaint/actor.js';
import type { ComplaintCommand } from '../complaint/commands.js';
import { decide } from '../complaint/decide.js';
import { DOMAIN_ERROR_KINDS, DomainError, type DomainErrorCode } from '../complaint/errors.js';
import type { ComplaintEvent } from '../complaint/events.js';
import { fold } from '../complaint/evolve.js';
import type { ComplaintState } from '../complaint/state.js';
import { contextWith } from './fixtures.js';

export interface Outcome {
  then(...expected: ComplaintEvent[]): void;
  thenNothing(): void;
  thenRejects(code: DomainErrorCode): DomainError;
  /** For specs about the resulting state rather than the exact events. */
  thenState(): ComplaintState;
  /** The accepted events, for specs that look at one aspect of them. */
  thenEvents(): ComplaintEvent[];
}

export function given(...history: ComplaintEvent[]) {
  return {
    when(command: ComplaintCommand, context: Partial<DecisionContext> = {}): Outcome {
      const state = fold(history);
      const run = () => decide(command, state, contextWith(context));
      return {
        then: (...expected) => expect(accepted(run(), history)).toStrictEqual(expected),
        thenNothing: () => expect(run()).toEqual([]),
        thenRejects: (code) => rejection(run, code),
        thenState: () => fold(accepted(run(), history), state),
        thenEvents: () => accepted(run(), history),
      };
    },
  };
}

function accepted(events: ComplaintEvent[], history: ComplaintEvent[]): ComplaintEvent[] {
  expect(JSON.parse(JSON.stringify(events))).toStrictEqual(events);
  expect(() => fold([...history, ...events])).not.toThrow();
  return events;
}

function rejection(run: () => unknown, code: DomainErrorCode): DomainError {
  let thrown: unknown;
  try {
    const events = run();
    thrown = new Error(`expected ${code}, but it decided ${JSON.stringify(events)}`);
  } catch (error) {
    thrown = error;
  }
  if (!(thrown instanceof DomainError)) throw thrown;
  expect(thrown.code).toBe(code);
  expect(thrown.kind).toBe(DOMAIN_ERROR_KINDS[code]);
  return thrown;
}
