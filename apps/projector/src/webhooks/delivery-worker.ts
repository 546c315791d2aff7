import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { EventStore, RecordedEvent } from '#event-store';
import type { Clock } from '#platform/time/clock';
import {
  backoffDelayMs,
  type DeadLetter,
  DeliveryLedger,
  feedFilterFor,
  type LeasedStep,
  signatureHeader,
  type StepOutcome,
  type SubscriptionWithSecret,
  webhookPayloadOf,
  WEBHOOK_HEADERS,
} from '#subscriptions';
import { deliveryOptions, type WebhookDeliveryOptions } from './delivery-options.js';
import { sendWebhook, type WebhookResult, type WebhookSender } from './webhook-sender.js';

export interface DeliveryWorkerDependencies {
  store: EventStore;
  pool: pg.Pool;
  clock: Clock;
  /** [0, 1); the back-off's jitter. */
  random?: () => number;
  /** Distinguishes this worker's leases; unique per process by default. */
  owner?: string;
  send?: WebhookSender;
  logger?: { log(message: string): void; warn(message: string): void };
}

/** What one pass did, for the loop (idle or not) and for tests. */
export interface PassTally {
  attempts: number;
  delivered: number;
  failed: number;
  deadLettered: number;
}

/**
 * At-least-once webhook delivery. Each subscription is ONE ordered lane: its events go out one at a
 * time in feed order, and a failing event holds back everything after it for that subscription
 * (not for others) until it is delivered or dead-lettered. That keeps every complaint's events in
 * stream order for the receiver. The checkpoint moves only after a 2xx or a dead letter, in the
 * same statement/transaction as the counters; leases keep two workers off the same subscription.
 */
export class WebhookDeliveryWorker {
  readonly owner: string;
  private readonly options: WebhookDeliveryOptions;
  private readonly ledger: DeliveryLedger;
  private readonly random: () => number;
  private readonly send: WebhookSender;

  constructor(
    private readonly deps: DeliveryWorkerDependencies,
    options: Partial<WebhookDeliveryOptions> = {},
  ) {
    this.options = deliveryOptions(options);
    this.owner = deps.owner ?? `webhooks:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.ledger = new DeliveryLedger(deps.pool, this.options.leaseMs);
    this.random = deps.random ?? Math.random;
    this.send = deps.send ?? sendWebhook;
  }

  /** Polls until `signal` aborts, then gives its leases back so another worker takes over at once. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let busy = false;
      try {
        busy = (await this.runOnce()).attempts > 0;
      } catch (error) {
        this.deps.logger?.warn(`webhook delivery pass failed: ${describe(error)}`);
      }
      if (!busy) await sleep(this.options.pollIntervalMs, signal);
    }
    await this.ledger.releaseLeases(this.owner).catch(() => undefined);
  }

  /** One pass: lease the subscriptions, serve each (concurrently) as far as it goes now. */
  async runOnce(): Promise<PassTally> {
    const subscriptions = await this.ledger.claim(this.owner, this.options.subscriptionsPerPass);
    const tallies = await Promise.all(
      subscriptions.map((subscription) =>
        this.serve(subscription).catch((error: unknown) => {
          this.deps.logger?.warn(`webhook subscription ${subscription.id}: ${describe(error)}`);
          return emptyTally();
        }),
      ),
    );
    return tallies.reduce(addTallies, emptyTally());
  }

  private async serve(subscription: SubscriptionWithSecret): Promise<PassTally> {
    const tally = emptyTally();
    if (!(await this.redrive(subscription, tally))) return tally;
    if (subscription.nextAttemptAt && subscription.nextAttemptAt > this.deps.clock.now()) return tally;
    const page = await this.deps.store.readAll({
      after: subscription.position,
      limit: this.options.batchSize,
      filter: feedFilterFor(subscription),
    });
    // Redrives and the read took time since the claim. Each later request follows a `delivered`
    // step, which renews the lease under the same compare-and-set.
    const lease = { subscriptionId: subscription.id, owner: this.owner, from: subscription.position };
    if (page.events.length > 0 && !(await this.ledger.holdLease(lease))) return tally;
    let from = subscription.position;
    let failures = subscription.consecutiveFailures;
    for (const event of page.events) {
      const attempt = failures + 1;
      const result = await this.deliver(subscription, event, attempt, tally);
      const step: LeasedStep = { subscriptionId: subscription.id, owner: this.owner, from, now: this.deps.clock.now() };
      if (!result.ok && attempt < this.options.maxAttempts) {
        const nextAttemptAt = new Date(step.now.getTime() + this.delayAfter(attempt));
        await this.ledger.failed(step, { attempts: attempt, error: result.error, nextAttemptAt });
        return tally;
      }
      const outcome: StepOutcome = result.ok
        ? await this.ledger.delivered(step, event)
        : await this.deadLetter(step, event, attempt, result.error, tally);
      if (outcome !== 'moved') return tally;
      from = event.position;
      failures = 0;
    }
    const skipped = page.events.length < this.options.batchSize;
    if (skipped && this.deps.store.comparePositions(page.position, from) > 0) {
      await this.ledger.skipTo(
        { subscriptionId: subscription.id, owner: this.owner, from, now: this.deps.clock.now() },
        page.position,
      );
    }
    return tally;
  }

  private async deadLetter(step: LeasedStep, event: RecordedEvent, attempts: number, error: string, tally: PassTally) {
    tally.deadLettered += 1;
    this.deps.logger?.warn(`webhook subscription ${step.subscriptionId}: event ${event.id} dead-lettered: ${error}`);
    return this.ledger.deadLetter(step, event, { attempts, error });
  }

  /**
   * Dead letters an operator queued again, oldest first; the first failure ends this pass's redrives.
   * False when the lease was lost: the subscription is another worker's now.
   */
  private async redrive(subscription: SubscriptionWithSecret, tally: PassTally): Promise<boolean> {
    const due = await this.ledger.dueRedrives(subscription.id, this.deps.clock.now(), this.options.batchSize);
    for (const letter of due) {
      if (!(await this.ledger.holdLease({ subscriptionId: subscription.id, owner: this.owner }))) return false;
      const event = await this.eventOf(letter);
      const attempt = letter.attempts + 1;
      const result: WebhookResult = event
        ? await this.deliver(subscription, event, attempt, tally)
        : { ok: false, error: 'the event is no longer in the store' };
      const step = { subscriptionId: subscription.id, owner: this.owner, now: this.deps.clock.now() };
      if (result.ok) {
        await this.ledger.redriveDelivered(step, letter.eventId);
        continue;
      }
      const exhausted = attempt >= this.options.maxAttempts || !event;
      const nextAttemptAt = exhausted ? null : new Date(step.now.getTime() + this.delayAfter(attempt));
      await this.ledger.redriveFailed(step, letter.eventId, { attempts: attempt, error: result.error, nextAttemptAt });
      return true;
    }
    return true;
  }

  private async eventOf(letter: DeadLetter): Promise<RecordedEvent | undefined> {
    const events = await this.deps.store.readStream(letter.streamName, {
      fromRevision: letter.revision,
      toRevision: letter.revision,
    });
    return events.find((event) => event.id === letter.eventId);
  }

  private async deliver(
    subscription: SubscriptionWithSecret,
    event: RecordedEvent,
    attempt: number,
    tally: PassTally,
  ): Promise<WebhookResult> {
    const body = webhookPayloadOf(event);
    const timestamp = Math.floor(this.deps.clock.now().getTime() / 1000);
    tally.attempts += 1;
    const result = await this.send({
      url: subscription.url,
      body,
      timeoutMs: this.options.timeoutMs,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'complaint-desk-webhooks/1',
        [WEBHOOK_HEADERS.signature]: signatureHeader(subscription.secret, timestamp, body),
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.eventId]: event.id,
        [WEBHOOK_HEADERS.eventType]: event.type,
        [WEBHOOK_HEADERS.attempt]: String(attempt),
        [WEBHOOK_HEADERS.subscriptionId]: subscription.id,
      },
    });
    if (result.ok) tally.delivered += 1;
    else tally.failed += 1;
    return result;
  }

  private delayAfter(failedAttempts: number): number {
    return backoffDelayMs(failedAttempts, this.options.backoff, this.random);
  }
}

const emptyTally = (): PassTally => ({ attempts: 0, delivered: 0, failed: 0, deadLettered: 0 });

function addTallies(sum: PassTally, tally: PassTally): PassTally {
  return {
    attempts: sum.attempts + tally.attempts,
    delivered: sum.delivered + tally.delivered,
    failed: sum.failed + tally.failed,
    deadLettered: sum.deadLettered + tally.deadLettered,
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
