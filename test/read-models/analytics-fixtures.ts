import { type ComplaintEvent, FISHBONE_CLASSES, streamNameFor } from '../../libs/domain/src/index.js';
import type { EventStore } from '../../libs/event-store/src/index.js';
import { seededRandom, toNewEvents } from './support/histories.js';

/**
 * Writes one complaint's history step by step with explicit times, so that tests can compute every
 * statistic by hand. Each step takes the time as an ISO string.
 */
export class ComplaintScript {
  readonly events: ComplaintEvent[] = [];
  private readonly base: { complaintId: string; by: string };

  constructor(
    readonly complaintId: string,
    receivedAt: string,
    intake: { channel?: string; productRef?: string } = {},
  ) {
    this.base = { complaintId, by: 'agent-1' };
    this.add('ComplaintReceived', {
      channel: intake.channel ?? 'email',
      customer: { id: 'cust-1', name: 'Li Wei', email: 'li.wei@example.com' },
      subject: 'Kettle',
      description: 'Broken',
      ...(intake.productRef ? { productRef: intake.productRef } : {}),
      intensity: 'passive',
      purpose: 'criticism',
      receivedAt,
    });
  }

  categorize(category: string, subcategory: string, at: string): this {
    const classification = { category, subcategory, severity: 'medium', impact: 'individual', priority: 'P3' };
    return this.add('ComplaintCategorized', { ...classification, categorizedAt: at });
  }
  assign(team: string, at: string): this {
    return this.add('ComplaintAssigned', { team, ownerId: 'agent-1', assignedAt: at });
  }
  contact(at: string, direction: 'inbound' | 'outbound' = 'outbound'): this {
    return this.add('CustomerContacted', { direction, channel: 'phone', summary: 'Called', contactedAt: at });
  }
  awaitCustomer(at: string): this {
    return this.add('ComplaintAwaitingCustomer', { reason: 'photos', pausedAt: at });
  }
  rootCause(fishboneClass: string, at: string): this {
    return this.add('RootCauseIdentified', {
      fishboneClass,
      whys: ['why'],
      correctiveAction: 'fix',
      preventiveAction: 'prevent',
      identifiedAt: at,
    });
  }
  offer(compensationId: string, kind: string, amount: number, currency: string, at: string, needsApproval = false) {
    return this.add('CompensationOffered', {
      compensationId,
      kind,
      amount,
      currency,
      approvalLimit: 10_000,
      requiresApproval: needsApproval,
      offeredAt: at,
    });
  }
  approve(compensationId: string, approvedAmount: number, currency: string, at: string): this {
    return this.add('CompensationApproved', {
      compensationId,
      approvedAmount,
      currency,
      approver: 'sup-1',
      approvedAt: at,
    });
  }
  decline(compensationId: string, at: string): this {
    return this.add('CompensationDeclined', { compensationId, reason: 'no', declinedAt: at });
  }
  pay(compensationId: string, amount: number, totalPaid: number, currency: string, at: string): this {
    return this.add('CompensationPaid', { compensationId, amount, currency, totalPaid, paidAt: at });
  }
  resolve(at: string): this {
    return this.add('ComplaintResolved', { summary: 'Done', planSteps: ['Fix'], resolvedAt: at });
  }
  respond(outcome: 'confirmed' | 'disputed', satisfaction: number, at: string): this {
    const type = outcome === 'confirmed' ? 'CustomerConfirmedResolution' : 'CustomerDisputedResolution';
    return this.add(type, { satisfaction, respondedAt: at });
  }
  reopen(at: string, from: 'disputed' | 'closed' = 'disputed'): this {
    return this.add('ComplaintReopened', { reason: 'again', reopenedFrom: from, handling: 2, reopenedAt: at });
  }
  close(closureCode: string, at: string): this {
    return this.add('ComplaintClosed', { closureCode, closedAt: at });
  }

  private add(type: string, data: Record<string, unknown>): this {
    this.events.push({ type, data: { ...this.base, ...data } } as ComplaintEvent);
    return this;
  }
}

export async function appendScripts(store: EventStore, scripts: readonly ComplaintScript[]): Promise<void> {
  for (const script of scripts) {
    await store.append(streamNameFor(script.complaintId), toNewEvents(script.events), 'no_stream');
  }
}

const CATEGORIES: [string, string][] = [
  ['product_quality', 'manufacturing_defect'],
  ['product_quality', 'packaging'],
  ['service', 'attitude'],
  ['delivery', 'logistics_delay'],
];
const TEAMS = ['quality', 'customer-service', 'logistics'];

/**
 * Random histories that exercise every way a complaint can move between buckets: recategorized,
 * reassigned, a second root cause, reopened, several compensations. Times advance from `start`.
 */
export function randomScripts(
  seed: number,
  count: number,
  start = Date.parse('2026-01-01T00:00:00Z'),
): ComplaintScript[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  return Array.from({ length: count }, (_, index) => {
    let clock = start + Math.floor(random() * 90 * 86_400_000);
    const at = () => new Date((clock += Math.floor(random() * 36 * 3_600_000))).toISOString();
    const id = `00000000-0000-4000-8000-${String(seed * 100_000 + index).padStart(12, '0')}`;
    const script = new ComplaintScript(id, at(), {
      channel: pick(['email', 'phone', 'app']),
      productRef: pick(['KT-200', 'TV-9']),
    });
    const steps = [
      () => script.categorize(...pick(CATEGORIES), at()),
      () => script.assign(pick(TEAMS), at()),
      () => script.contact(at()),
      () => script.rootCause(pick(FISHBONE_CLASSES), at()),
      () =>
        script.offer(
          `c${script.events.length}`,
          pick(['refund', 'voucher']),
          100 * Math.ceil(random() * 50),
          pick(['EUR', 'CNY']),
          at(),
        ),
      () => script.resolve(at()),
      () => script.respond(pick(['confirmed', 'disputed'] as const), 1 + Math.floor(random() * 5), at()),
      () => script.reopen(at()),
    ];
    for (let step = Math.floor(random() * 12); step > 0; step -= 1) pick(steps)();
    return script;
  });
}
