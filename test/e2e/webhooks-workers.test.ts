import { sendWebhook } from '../../apps/projector/src/webhooks/webhook-sender.js';
import { SubscriptionRepository } from '../../libs/subscriptions/src/index.js';
import { manualClock } from '../support/webhook-receiver.js';
import { revisionsByStream, waitFor, WebhookTestBed } from './webhooks-support.js';

let bed: WebhookTestBed;
beforeAll(async () => {
  bed = await WebhookTestBed.start();
});
afterEach(() => bed.cleanUp());
afterAll(() => bed.close());

describe('two delivery workers at once', () => {
  test('never deliver the same event to the same subscription concurrently, nor twice, nor out of order', async () => {
    const target = await bed.receiver({ answerDelayMs: 5 });
    const paths = ['/a', '/b', '/c', '/d'];
    for (const path of paths) await bed.subscribe(`${target.url}${path}`);
    const stop = new AbortController();
    const options = { pollIntervalMs: 10, subscriptionsPerPass: 2, batchSize: 3 };
    const systemClock = { now: () => new Date() };
    const runs = ['worker-1', 'worker-2'].map((owner) => bed.worker(systemClock, options, { owner }).run(stop.signal));
    const ids = await bed.interleavedComplaints(3);
    ids.push(...(await bed.interleavedComplaints(2)));
    const expected = await bed.eventsOf(ids);
    const complete = (path: string) => new Set(target.accepted(path).map((d) => d.eventId)).size === expected.length;
    await waitFor(() => paths.every(complete), 15_000);
    stop.abort();
    await Promise.all(runs);

    expect(target.maxInFlightPerEvent).toBe(1);
    for (const path of paths) {
      expect(target.duplicates(path)).toBe(0);
      const byComplaint = revisionsByStream(target.accepted(path).map((d) => d.event));
      for (const id of ids) expect(byComplaint.get(`complaint-${id}`)).toEqual([0, 1, 2]);
    }
    expect(target.received.every((d) => d.answer === 'ok' && d.signatureValid)).toBe(true);
    const { rows } = await bed.pool.query(
      'SELECT count(*)::int AS leased FROM webhook_subscriptions WHERE lease_owner IS NOT NULL',
    );
    expect(rows[0].leased).toBe(0);
  });

  test('a worker whose lease was taken over mid-pass sends nothing more; its successor delivers the rest in order', async () => {
    const clock = manualClock();
    const poisoned = new Set<string>();
    const target = await bed.receiver({
      nowSeconds: clock.nowSeconds,
      answer: (delivery) => (poisoned.has(delivery.eventId) ? 'fail' : 'ok'),
    });
    const { id } = await bed.subscribe(target.url);
    const [complaint] = await bed.interleavedComplaints(1);
    const [received, acknowledged, categorized] = await bed.eventsOf([complaint!]);
    for (const event of [received!, acknowledged!]) poisoned.add(event.id);
    await bed.worker(clock, { maxAttempts: 1 }, { owner: 'stalled' }).runOnce(); // two dead letters, one delivered
    poisoned.clear();
    await new SubscriptionRepository(bed.pool).redrive(id, { all: true }, clock.now());
    const contact = { direction: 'outbound', channel: 'phone', summary: 'Asked for photos' };
    expect((await bed.http.post(`/complaints/${complaint}/contacts`, contact)).status).toBe(200);
    const [contacted] = (await bed.eventsOf([complaint!])).slice(3);

    let sentByStalled = 0;
    const stalled = bed.worker(
      clock,
      {},
      {
        owner: 'stalled',
        send: async (request) => {
          sentByStalled += 1;
          const result = await sendWebhook(request);
          // While this worker waited on the receiver, its lease lapsed and another worker claimed the subscription.
          await bed.pool.query(`UPDATE webhook_subscriptions SET lease_owner = 'successor' WHERE id = $1`, [id]);
          return result;
        },
      },
    );
    await stalled.runOnce();
    expect(sentByStalled).toBe(1); // the first redrive, sent while the lease was still its own

    await bed.worker(clock, {}, { owner: 'successor' }).runOnce();
    expect(target.accepted().map((d) => d.eventId)).toEqual([
      categorized!.id,
      received!.id, // redriven by the stalled worker
      received!.id, // again by its successor, which cannot know it arrived: at-least-once
      acknowledged!.id,
      contacted!.id,
    ]);
    expect(await bed.status(id)).toMatchObject({ deadLetters: 0, position: contacted!.position });
  });
});
