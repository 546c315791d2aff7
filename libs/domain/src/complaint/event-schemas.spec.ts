/**
 * The published event contracts against what the code produces: every type and version has a
 * schema, every schema compiles, and every event the decider emits — on the spec fixtures and on
 * random command walks — conforms to the schema of its type at the current version.
 */
import { createEventSchemaValidator } from '../testing/event-schema-validator.js';
import { ONE_OF_EACH_COMMAND } from '../testing/commands.js';
import { AGENT, COMPLAINT_ID, contextWith, NOW, ONE_OF_EACH_EVENT, SUPERVISOR } from '../testing/fixtures.js';
import type { Actor } from './actor.js';
import type { ComplaintCommand } from './commands.js';
import { decide } from './decide.js';
import { DomainError } from './errors.js';
import { COMPLAINT_EVENT_TYPES, EVENT_SCHEMA_VERSION, streamNameFor } from './event-catalog.js';
import { EVENT_ENVELOPE_SCHEMA, eventSchema, publishedEventSchemas } from './event-schemas-published.js';
import type { ComplaintEvent } from './events.js';
import { evolve } from './evolve.js';
import { type ComplaintState, initialState } from './state.js';
import { type ComplaintReceivedV1Data, upcast } from './upcasters.js';

const validator = createEventSchemaValidator();

/** The event as the feed delivers it: the domain event inside the stored envelope. */
function delivered(event: ComplaintEvent, revision: number) {
  return {
    id: '0b6c1f8e-2f4a-4c1e-9a57-3d2e1f0a9b8c',
    type: event.type,
    schemaVersion: EVENT_SCHEMA_VERSION[event.type],
    streamName: streamNameFor(COMPLAINT_ID),
    revision,
    position: `1/${revision + 1}`,
    recordedAt: NOW.toISOString(),
    data: event.data,
    metadata: { actor: AGENT, correlationId: 'req-1', causationId: 'cmd-1', command: 'X' },
  };
}

function problemsOf(event: ComplaintEvent, revision = 0): string[] {
  const schema = eventSchema(event.type, EVENT_SCHEMA_VERSION[event.type])!;
  const envelope = delivered(event, revision);
  return [...validator.problems(schema, envelope), ...validator.problems(EVENT_ENVELOPE_SCHEMA, envelope)];
}

describe('the published event schemas', () => {
  test('every event type has a schema at every version from 1 to its current one', () => {
    for (const type of COMPLAINT_EVENT_TYPES) {
      for (let version = 1; version <= EVENT_SCHEMA_VERSION[type]; version++) {
        expect({ type, version, found: eventSchema(type, version) !== undefined }).toEqual({
          type,
          version,
          found: true,
        });
      }
    }
    const expected = COMPLAINT_EVENT_TYPES.reduce((sum, type) => sum + EVENT_SCHEMA_VERSION[type], 0);
    expect(publishedEventSchemas()).toHaveLength(expected);
  });

  test('there is no schema for unknown types or versions', () => {
    expect(eventSchema('ComplaintDeleted', 1)).toBeUndefined();
    expect(eventSchema('ComplaintReceived', 0)).toBeUndefined();
    expect(eventSchema('ComplaintReceived', EVENT_SCHEMA_VERSION.ComplaintReceived + 1)).toBeUndefined();
    expect(eventSchema('toString', 1)).toBeUndefined();
  });

  test('every published schema compiles under draft 2020-12 in strict mode', () => {
    for (const { schema } of publishedEventSchemas()) expect(() => validator.problems(schema, {})).not.toThrow();
  });

  test.each(Object.values(ONE_OF_EACH_EVENT).map((event) => [event.type, event] as const))(
    'the %s fixture conforms',
    (_type, event) => expect(problemsOf(event)).toEqual([]),
  );

  test('a schema refuses an unknown field, a value outside its set, and a missing field', () => {
    const event = ONE_OF_EACH_EVENT.ComplaintCategorized;
    const withExtra = { ...event, data: { ...event.data, surprise: 1 } } as unknown as ComplaintEvent;
    const badCategory = { ...event, data: { ...event.data, category: 'weather' } } as unknown as ComplaintEvent;
    const { by: _by, ...withoutActor } = event.data;
    const missing = { ...event, data: withoutActor } as unknown as ComplaintEvent;
    for (const wrong of [withExtra, badCategory, missing]) expect(problemsOf(wrong)).not.toEqual([]);
  });
});

describe('older versions', () => {
  const v1: ComplaintReceivedV1Data = {
    complaintId: COMPLAINT_ID,
    channel: 'web',
    customerId: 'customer-42',
    customerName: 'Li Wei',
    customerEmail: 'li.wei@example.com',
    subject: 'Kettle leaks',
    description: 'The kettle leaks.',
    intensity: 'passive',
    purpose: 'criticism',
    by: AGENT.id,
    receivedAt: NOW.toISOString(),
  };
  const stored = { ...delivered(ONE_OF_EACH_EVENT.ComplaintReceived, 0), schemaVersion: 1, data: v1 };

  test('a stored ComplaintReceived v1 conforms to the published v1 schema, not to the current one', () => {
    expect(validator.problems(eventSchema('ComplaintReceived', 1)!, stored)).toEqual([]);
    const current = EVENT_SCHEMA_VERSION.ComplaintReceived;
    expect(validator.problems(eventSchema('ComplaintReceived', current)!, stored)).not.toEqual([]);
  });

  test('upcast, it conforms to the current schema (what the feed delivers)', () => {
    const lifted = upcast(stored);
    expect(lifted.schemaVersion).toBe(EVENT_SCHEMA_VERSION.ComplaintReceived);
    expect(validator.problems(eventSchema('ComplaintReceived', lifted.schemaVersion)!, lifted)).toEqual([]);
  });
});

/** A small deterministic PRNG (mulberry32), so a failing walk can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTRA_COMMANDS: ComplaintCommand[] = [
  { type: 'OfferCompensation', data: { compensationId: 'c-1', kind: 'refund', amount: 900_000, currency: 'EUR' } },
  { type: 'OfferCompensation', data: { compensationId: 'c-2', kind: 'voucher', amount: 500, currency: 'EUR' } },
  { type: 'PayCompensation', data: { compensationId: 'c-2', amount: 200, paymentRef: 'PAY-2' } },
  {
    type: 'CategorizeComplaint',
    data: { category: 'product_quality', subcategory: 'safety_hazard', severity: 'low', impact: 'public' },
  },
  { type: 'RecordCustomerResponse', data: { outcome: 'disputed', satisfaction: 1, comment: 'Still broken' } },
  {
    type: 'CloseComplaint',
    data: { closureCode: 'resolved', lessons: { situation: 's', task: 't', action: 'a', result: 'r', lesson: 'l' } },
  },
  { type: 'CloseComplaint', data: {} },
  { type: 'EscalateComplaint', data: { tier: 4, reason: 'safety', note: 'Fire risk' } },
  { type: 'RecordSlaBreach', data: { target: 'resolve' } },
  { type: 'RaiseSlaWarning', data: { target: 'acknowledge' } },
  { type: 'AcknowledgeComplaint', data: { how: 'phone', message: 'Thanks' } },
  { type: 'LogCustomerContact', data: { direction: 'inbound', channel: 'app', summary: 'Called', mood: 'angry' } },
  { type: 'AssignComplaint', data: { team: 'logistics', ownerId: 'agent-zed' } },
];
const COMMANDS = [...Object.values(ONE_OF_EACH_COMMAND), ...EXTRA_COMMANDS];

interface Emitted {
  seed: number;
  step: number;
  revision: number;
  event: ComplaintEvent;
}

/**
 * Sixty random commands (by an agent or a supervisor) on one complaint, two hours apart (so SLA
 * clocks reach their warnings and breaches); the events decided on the way.
 */
function walk(seed: number): Emitted[] {
  const next = random(seed);
  let state: ComplaintState = initialState;
  const emitted: Emitted[] = [];
  for (let step = 0; step < 60; step++) {
    const command = step === 0 ? ONE_OF_EACH_COMMAND.ReceiveComplaint : COMMANDS[Math.floor(next() * COMMANDS.length)]!;
    const actor: Actor = next() < 0.3 ? SUPERVISOR : AGENT;
    const now = new Date(NOW.getTime() + step * 2 * 60 * 60_000);
    try {
      for (const event of decide(command, state, contextWith({ actor, now }))) {
        emitted.push({ seed, step, revision: emitted.length, event });
        state = evolve(state, event);
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return emitted;
}

describe('every event the decider emits conforms to its published schema', () => {
  const SEEDS = Array.from({ length: 60 }, (_, index) => index + 1);

  test.each(SEEDS)('random command walk, seed %i', (seed) => {
    const emitted = walk(seed);
    expect(emitted.length).toBeGreaterThan(1);
    for (const { step, revision, event } of emitted) {
      const problems = problemsOf(event, revision);
      expect({ seed, step, type: event.type, problems }).toEqual({ seed, step, type: event.type, problems: [] });
    }
  });

  test('the walks together emit every event type', () => {
    const seen = new Set(SEEDS.flatMap((seed) => walk(seed).map(({ event }) => event.type)));
    expect(COMPLAINT_EVENT_TYPES.filter((type) => !seen.has(type))).toEqual([]);
  });
});
