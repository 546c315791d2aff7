import { ONE_OF_EACH_COMMAND } from '../testing/commands.js';
import {
  AGENT,
  AT,
  awaiting,
  contextWith,
  EARLIER,
  escalated,
  MONITOR,
  NOW,
  ONE_OF_EACH_EVENT,
  received,
  resumed,
  SUPERVISOR,
  triaged,
} from '../testing/fixtures.js';
import type { Actor } from './actor.js';
import type { ComplaintCommand } from './commands.js';
import { decide } from './decide.js';
import { DomainError } from './errors.js';
import { COMPLAINT_EVENT_TYPES } from './event-catalog.js';
import type { ComplaintEvent } from './events.js';
import { evolve, fold } from './evolve.js';
import { initialState } from './state.js';

/** A small deterministic PRNG (mulberry32): random-looking histories that are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(items: readonly T[], next: () => number): T => items[Math.floor(next() * items.length)]!;

const allEvents = Object.values(ONE_OF_EACH_EVENT) as ComplaintEvent[];

describe('evolve', () => {
  test('every event type has a sample, and the samples cover every type', () => {
    expect(allEvents.map((event) => event.type).sort()).toEqual([...COMPLAINT_EVENT_TYPES].sort());
  });

  test.each(allEvents.map((event) => [event.type, event] as const))(
    '%s evolves the initial state and a received complaint without throwing',
    (_type, event) => {
      expect(() => evolve(initialState, event)).not.toThrow();
      expect(() => evolve(fold([received()]), event)).not.toThrow();
    },
  );

  test('any sequence of stored events folds without throwing, and folding is deterministic', () => {
    const next = random(20250310);
    for (let run = 0; run < 300; run++) {
      const history = Array.from({ length: 1 + Math.floor(next() * 30) }, () => pick(allEvents, next));
      const once = fold(history);
      expect(fold(history)).toStrictEqual(once);
      expect(JSON.parse(JSON.stringify(once))).toStrictEqual(once);
    }
  });

  test('folding never modifies the initial state or the events', () => {
    const before = JSON.stringify(initialState);
    const events = JSON.stringify(allEvents);
    fold([...triaged(), ...allEvents]);
    expect(JSON.stringify(initialState)).toBe(before);
    expect(JSON.stringify(allEvents)).toBe(events);
  });

  test('folding continues from a given state, like a snapshot', () => {
    const all = [...triaged(), awaiting(), resumed()];
    expect(fold(all.slice(3), fold(all.slice(0, 3)))).toStrictEqual(fold(all));
  });

  test('a received complaint has its identity and intake facts', () => {
    expect(fold([received()])).toMatchObject({
      exists: true,
      status: 'received',
      channel: 'phone',
      customerId: 'customer-42',
      receivedAt: EARLIER,
    });
  });

  test('reasons at the current tier accumulate, and a higher tier starts afresh', () => {
    const state = fold([received(), escalated(1, 'manual'), escalated(1, 'safety', 1), escalated(2, 'regulator', 1)]);
    expect(state).toMatchObject({ escalationTier: 2, escalationReasons: ['regulator'] });
  });

  test('a stored downgrade (written by an older rule) is ignored rather than failing the replay', () => {
    expect(fold([received(), escalated(3), escalated(1, 'safety', 3)]).escalationTier).toBe(3);
  });
});

describe('decide over any reachable state', () => {
  const commands = Object.values(ONE_OF_EACH_COMMAND) as ComplaintCommand[];
  const actors: Actor[] = [AGENT, SUPERVISOR, MONITOR];

  test('decide either refuses with a DomainError or returns events that fold, for random command walks', () => {
    const next = random(42);
    for (let walk = 0; walk < 200; walk++) {
      let history: ComplaintEvent[] = [];
      for (let step = 0; step < 25; step++) {
        const command = pick(commands, next);
        const context = contextWith({ actor: pick(actors, next), now: new Date(NOW.getTime() + step * 60_000) });
        try {
          history = [...history, ...decide(command, fold(history), context)];
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
        }
      }
      expect(() => fold(history)).not.toThrow();
    }
  });

  test('decide is deterministic: the same command, state and context give the same events', () => {
    const state = fold(triaged());
    const context = contextWith();
    for (const command of commands) {
      const once = attempt(() => decide(command, state, context));
      expect(attempt(() => decide(command, state, context))).toStrictEqual(once);
    }
  });

  test('decide stamps the decision time, not a clock of its own', () => {
    const [event] = decide(ONE_OF_EACH_COMMAND.ReceiveComplaint, initialState, contextWith());
    expect(event?.data).toMatchObject({ receivedAt: AT });
  });
});

function attempt(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return error instanceof DomainError ? error.code : error;
  }
}
