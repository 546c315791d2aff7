import { randomUUID } from 'node:crypto';
import { type ComplaintEvent, EVENT_SCHEMA_VERSION, streamNameFor } from '../../../libs/domain/src/index.js';
import type { NewEvent } from '../../../libs/event-store/src/index.js';

/** A small deterministic PRNG (mulberry32), so a failing random test can be replayed by its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

const TEAMS = ['quality', 'customer-service', 'technical', 'logistics', 'billing'];
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
const CHANNELS = ['email', 'phone', 'web_form', 'app'] as const;

/**
 * A random but plausible complaint history (event bodies valid for the domain's types; the order
 * need not pass every decide rule — projections must fold whatever is stored).
 */
export function randomHistory(
  random: () => number,
  complaintId: string,
  length: number,
  start: Date,
): ComplaintEvent[] {
  let clock = start.getTime();
  const at = () => new Date((clock += 60_000 + Math.floor(random() * 3_600_000))).toISOString();
  const base = { complaintId, by: 'agent-1' };
  const events: ComplaintEvent[] = [
    {
      type: 'ComplaintReceived',
      data: {
        ...base,
        channel: pick(random, CHANNELS),
        customer: { id: `cust-${Math.floor(random() * 1000)}`, name: 'Li Wei', email: 'li.wei@example.com' },
        subject: 'Kettle stopped working',
        description: 'It no longer heats.',
        productRef: pick(random, ['KT-200', 'KT-300', 'TV-9']),
        intensity: 'passive',
        purpose: 'criticism',
        receivedAt: at(),
      },
    } as ComplaintEvent,
  ];
  let tier = 0;
  while (events.length < length) events.push(randomStep(random, base, at, () => (tier = Math.min(4, tier + 1))));
  return events;
}

function randomStep(
  random: () => number,
  base: { complaintId: string; by: string },
  at: () => string,
  nextTier: () => number,
): ComplaintEvent {
  const steps: (() => unknown)[] = [
    () => ({ type: 'ComplaintAcknowledged', data: { ...base, how: 'email', acknowledgedAt: at() } }),
    () => ({
      type: 'ComplaintCategorized',
      data: {
        ...base,
        category: 'product_quality',
        subcategory: 'manufacturing_defect',
        severity: 'high',
        impact: 'individual',
        priority: pick(random, PRIORITIES),
        categorizedAt: at(),
      },
    }),
    () => ({
      type: 'ComplaintAssigned',
      data: { ...base, team: pick(random, TEAMS), ownerId: `agent-${Math.floor(random() * 20)}`, assignedAt: at() },
    }),
    () => ({ type: 'ComplaintValidated', data: { ...base, reason: 'ok', validatedAt: at() } }),
    () => ({ type: 'ComplaintRejected', data: { ...base, reason: 'no', rejectedAt: at() } }),
    () => ({
      type: 'CustomerContacted',
      data: { ...base, direction: 'outbound', channel: 'phone', summary: 'Called', contactedAt: at() },
    }),
    () => ({ type: 'ComplaintAwaitingCustomer', data: { ...base, reason: 'photos', pausedAt: at() } }),
    () => ({ type: 'ComplaintResumed', data: { ...base, automatic: false, resumedAt: at() } }),
    () => {
      const previousTier = nextTier() - 1;
      return {
        type: 'ComplaintEscalated',
        data: { ...base, tier: previousTier + 1, previousTier, reason: 'manual', escalatedAt: at() },
      };
    },
    () => ({
      type: 'ComplaintResolved',
      data: { ...base, summary: 'Refund', planSteps: ['Refund'], resolvedAt: at() },
    }),
    () => ({ type: 'CustomerDisputedResolution', data: { ...base, satisfaction: 2, respondedAt: at() } }),
    () => ({ type: 'CustomerConfirmedResolution', data: { ...base, satisfaction: 5, respondedAt: at() } }),
    () => ({
      type: 'ComplaintReopened',
      data: { ...base, reason: 'again', reopenedFrom: 'disputed', handling: 2, reopenedAt: at() },
    }),
    () => ({ type: 'ComplaintClosed', data: { ...base, closureCode: 'resolved', closedAt: at() } }),
  ];
  return pick(random, steps)() as ComplaintEvent;
}

/** Domain events as the store's NewEvents (fresh ids, the current schema versions). */
export function toNewEvents(events: readonly ComplaintEvent[], actor = 'agent-1'): NewEvent[] {
  return events.map((event) => ({
    id: randomUUID(),
    type: event.type,
    schemaVersion: EVENT_SCHEMA_VERSION[event.type],
    data: event.data,
    metadata: { actor: { id: actor, role: 'agent' }, correlationId: randomUUID(), causationId: randomUUID() },
  }));
}

export interface Seeded {
  complaintId: string;
  stream: string;
  events: ComplaintEvent[];
}

/** `complaints` random histories of `eventsEach` events each. */
export function randomComplaints(seed: number, complaints: number, eventsEach: number): Seeded[] {
  const random = seededRandom(seed);
  const start = new Date('2026-01-05T08:00:00.000Z');
  return Array.from({ length: complaints }, () => {
    const complaintId = randomUUID();
    return {
      complaintId,
      stream: streamNameFor(complaintId),
      events: randomHistory(random, complaintId, eventsEach, start),
    };
  });
}
