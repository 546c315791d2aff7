import { subscriptionsDeadLettersCommand } from '../../apps/cli/src/commands/subscriptions-dead-letters.command.js';
import { subscriptionsRedriveCommand } from '../../apps/cli/src/commands/subscriptions-redrive.command.js';
import { manualClock } from '../support/webhook-receiver.js';
import { drive, WebhookTestBed } from './webhooks-support.js';
import { service } from '../support/complaint-requests.js';

let bed: WebhookTestBed;
beforeAll(async () => {
  bed = await WebhookTestBed.start();
});
afterEach(() => bed.cleanUp());
afterAll(() => bed.close());

describe('dead letters and redrive', () => {
  test('an event that keeps failing is dead-lettered after N attempts, the checkpoint moves on, the CLI redrives it', async () => {
    const clock = manualClock();
    const poisoned = new Set<string>();
    const target = await bed.receiver({
      nowSeconds: clock.nowSeconds,
      answer: (delivery) => (poisoned.has(delivery.eventId) ? 'fail' : 'ok'),
    });
    const { id } = await bed.subscribe(target.url);
    const [received, acknowledged, categorized] = await bed.eventsOf(await bed.interleavedComplaints(1));
    poisoned.add(acknowledged!.id);
    const delivery = bed.worker(clock, { maxAttempts: 3 });

    await drive(
      () => delivery.runOnce(),
      () => clock.advance(10_000),
      () => target.accepted().length === 2,
    );
    expect(target.received.map((d) => [d.eventId, d.attempt, d.answer])).toEqual([
      [received!.id, 1, 'ok'],
      [acknowledged!.id, 1, 'fail'],
      [acknowledged!.id, 2, 'fail'],
      [acknowledged!.id, 3, 'fail'],
      [categorized!.id, 1, 'ok'],
    ]);
    expect(await bed.status(id)).toMatchObject({
      status: 'active',
      position: categorized!.position,
      delivered: 2,
      failedAttempts: 3,
      deadLettered: 1,
      deadLetters: 1,
      lag: { events: 0 },
    });
    const [listed] = (await bed.http.get('/subscriptions', service)).body.subscriptions;
    expect(listed).toMatchObject({ id, deadLetters: 1 });

    const shown = await bed.cli(subscriptionsDeadLettersCommand, [id]);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain(`${acknowledged!.id}  ComplaintAcknowledged  ${acknowledged!.streamName}@1  dead`);
    expect(shown.out).toContain('after 3 attempts: HTTP 500');

    poisoned.clear();
    const redriven = await bed.cli(subscriptionsRedriveCommand, [id, '--event', acknowledged!.id]);
    expect(redriven).toMatchObject({ code: 0, out: 'queued 1 dead-lettered event for redelivery\n' });
    await delivery.runOnce();
    expect(target.accepted().map((d) => d.eventId)).toEqual([received!.id, categorized!.id, acknowledged!.id]);
    expect(target.received.every((d) => d.signatureValid)).toBe(true);
    expect(await bed.status(id)).toMatchObject({ delivered: 3, deadLetters: 0, deadLettered: 1 });
    expect((await bed.cli(subscriptionsDeadLettersCommand, [id])).out).toBe(`subscription ${id}: no dead letters\n`);
    expect(await bed.cli(subscriptionsRedriveCommand, [id, '--all'])).toMatchObject({
      code: 0,
      out: 'queued 0 dead-lettered events for redelivery\n',
    });
  });

  test('a redriven event that fails every attempt again goes back to the dead letters', async () => {
    const clock = manualClock();
    const poisoned = new Set<string>();
    const target = await bed.receiver({
      nowSeconds: clock.nowSeconds,
      answer: (delivery) => (poisoned.has(delivery.eventId) ? 'fail' : 'ok'),
    });
    const { id } = await bed.subscribe(target.url);
    const [first] = await bed.eventsOf(await bed.interleavedComplaints(1));
    poisoned.add(first!.id);
    const delivery = bed.worker(clock, { maxAttempts: 2 });
    await drive(
      () => delivery.runOnce(),
      () => clock.advance(10_000),
      () => target.accepted().length === 2,
    );
    expect(target.received).toHaveLength(4);
    expect((await bed.cli(subscriptionsRedriveCommand, [id, '--all'])).out).toBe(
      'queued 1 dead-lettered event for redelivery\n',
    );
    const [queued] = (await bed.http.get(`/subscriptions/${id}/dead-letters`, service)).body.deadLetters;
    expect(queued).toMatchObject({ eventId: first!.id, state: 'redriving', attempts: 0 });

    await drive(
      () => delivery.runOnce(),
      () => clock.advance(10_000),
      () => target.received.length === 6,
    );
    await delivery.runOnce();
    expect(target.received).toHaveLength(6);
    expect(target.received.slice(4).map((d) => [d.eventId, d.attempt])).toEqual([
      [first!.id, 1],
      [first!.id, 2],
    ]);
    const [letter] = (await bed.http.get(`/subscriptions/${id}/dead-letters`, service)).body.deadLetters;
    expect(letter).toMatchObject({ eventId: first!.id, state: 'dead', attempts: 2, lastError: 'HTTP 500' });
    expect(await bed.status(id)).toMatchObject({ delivered: 2, failedAttempts: 4, deadLettered: 1, deadLetters: 1 });
  });

  test('the CLI refuses bad arguments with its usage and an unknown subscription or event with exit 1', async () => {
    await expect(bed.cli(subscriptionsRedriveCommand, ['not-a-uuid', '--all'])).rejects.toThrow('must be a UUID');
    await expect(bed.cli(subscriptionsRedriveCommand, [crypto.randomUUID()])).rejects.toThrow(
      '--event <eventId> or --all',
    );
    expect(await bed.cli(subscriptionsDeadLettersCommand, [crypto.randomUUID()])).toMatchObject({ code: 1 });
    const target = await bed.receiver();
    const { id } = await bed.subscribe(target.url);
    const unknownEvent = await bed.cli(subscriptionsRedriveCommand, [id, '--event', crypto.randomUUID()]);
    expect(unknownEvent.code).toBe(1);
    expect(unknownEvent.err).toContain(`is not a dead letter of subscription ${id}`);
  });
});
