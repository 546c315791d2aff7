import { manualClock, type ReceiverAnswer } from '../support/webhook-receiver.js';
import { drive, revisionsByStream, WebhookTestBed } from './webhooks-support.js';

let bed: WebhookTestBed;
beforeAll(async () => {
  bed = await WebhookTestBed.start();
});
afterEach(() => bed.cleanUp());
afterAll(() => bed.close());

describe('webhook delivery: at-least-once, in order per complaint, signed', () => {
  test('a receiver that fails, times out, then recovers ends with every event, in order, validly signed', async () => {
    const clock = manualClock();
    // 500 ×3, no answer ×2, recover; later one more 500 and one more timeout mid-stream: 7 failures.
    const script: ReceiverAnswer[] = ['fail', 'fail', 'fail', 'hang', 'hang', 'ok', 'ok', 'ok', 'fail', 'hang'];
    const target = await bed.receiver({ nowSeconds: clock.nowSeconds, answer: (_, index) => script[index] ?? 'ok' });
    const subscription = await bed.subscribe(`${target.url}/hook`);
    const ids = await bed.interleavedComplaints(4);
    const expected = await bed.eventsOf(ids);
    const delivery = bed.worker(clock, { maxAttempts: 20, batchSize: 5 });

    await delivery.runOnce();
    const failing = await bed.status(subscription.id);
    expect(failing).toMatchObject({
      status: 'failing',
      position: subscription.position,
      delivered: 0,
      failedAttempts: 1,
      consecutiveFailures: 1,
      lastError: { message: 'HTTP 500' },
      lag: { events: expected.length, exact: true },
    });
    expect(failing.lag.seconds).toBeGreaterThanOrEqual(0);
    expect(Date.parse(failing.nextAttemptAt)).toBe(clock.now().getTime() + 750); // base 1 s, jitter 0.5

    await drive(
      () => delivery.runOnce(),
      () => clock.advance(10_000),
      () => new Set(target.accepted().map((d) => d.eventId)).size === expected.length,
    );

    expect(target.received.every((delivery) => delivery.signatureValid)).toBe(true);
    const accepted = target.accepted();
    expect(new Set(accepted.map((d) => d.eventId))).toEqual(new Set(expected.map((event) => event.id)));
    const byComplaint = revisionsByStream(accepted.map((d) => d.event));
    for (const id of ids) expect(byComplaint.get(`complaint-${id}`)).toEqual([0, 1, 2]);
    expect(target.duplicates()).toBe(0);
    expect(accepted[0]!.attempt).toBe(6);
    expect(target.received.filter((d) => d.answer === 'hang')).toHaveLength(3);
    expect(target.received).toHaveLength(expected.length + 7);

    const status = await bed.status(subscription.id);
    expect(status).toMatchObject({
      status: 'active',
      position: expected.at(-1)!.position,
      lag: { events: 0, exact: true, seconds: 0 },
      delivered: expected.length,
      failedAttempts: 7,
      consecutiveFailures: 0,
      deadLetters: 0,
      nextAttemptAt: null,
      lastError: { message: 'no answer within 150 ms' },
    });
    expect(status).not.toHaveProperty('secret');
  });

  test('the back-off doubles with each consecutive failure and no attempt is made before it is due', async () => {
    const clock = manualClock();
    const target = await bed.receiver({ nowSeconds: clock.nowSeconds, answer: () => 'fail' });
    const { id } = await bed.subscribe(target.url);
    await bed.eventsOf(await bed.interleavedComplaints(1));
    const delivery = bed.worker(clock, { maxAttempts: 10 });
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await delivery.runOnce();
      const wait = Date.parse((await bed.status(id)).nextAttemptAt) - clock.now().getTime();
      waits.push(wait);
      clock.advance(wait - 1);
      await delivery.runOnce(); // 1 ms early: nothing is sent
      expect(target.received).toHaveLength(attempt);
      clock.advance(1);
    }
    expect(waits).toEqual([750, 1_500, 3_000, 6_000, 6_000]); // base 1 s, cap 8 s, jitter 0.5
  });

  test('only the subscribed event types are delivered; the checkpoint still moves past the others', async () => {
    const clock = manualClock();
    const target = await bed.receiver({ nowSeconds: clock.nowSeconds });
    const { id } = await bed.subscribe(target.url, { eventTypes: ['ComplaintCategorized'] });
    const ids = await bed.interleavedComplaints(2);
    const contact = { direction: 'outbound', channel: 'phone', summary: 'Asked for photos' };
    expect((await bed.http.post(`/complaints/${ids[0]}/contacts`, contact)).status).toBe(200);
    const events = await bed.eventsOf(ids);
    expect(events.at(-1)!.type).toBe('CustomerContacted');

    await bed.worker(clock).runOnce();

    expect(target.accepted().map((d) => [d.event.type, d.event.streamName])).toEqual(
      ids.map((complaint) => ['ComplaintCategorized', `complaint-${complaint}`]),
    );
    expect(await bed.status(id)).toMatchObject({ delivered: 2, lag: { events: 0 }, position: events.at(-1)!.position });
  });

  test('a subscription from "start" gets the history first; one from "now" only what is appended after it', async () => {
    await bed.eventsOf(await bed.interleavedComplaints(1));
    const clock = manualClock();
    const target = await bed.receiver({ nowSeconds: clock.nowSeconds });
    const eventTypes = ['ComplaintReceived'];
    await bed.subscribe(`${target.url}/start`, { from: 'start', eventTypes });
    await bed.subscribe(`${target.url}/now`, { eventTypes });
    const [later] = await bed.interleavedComplaints(1);
    await bed.eventsOf([later!]);

    await bed.worker(clock).runOnce();

    const history = await bed.store.readAll({ limit: 1_000, filter: { eventTypes } });
    expect(history.events.length).toBeGreaterThanOrEqual(2);
    expect(target.accepted('/start').map((d) => d.eventId)).toEqual(history.events.map((event) => event.id));
    expect(target.accepted('/now').map((d) => d.event.streamName)).toEqual([`complaint-${later}`]);
  });
});
