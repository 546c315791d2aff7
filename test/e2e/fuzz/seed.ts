import type { httpClient } from '../../support/api.js';
import { assignment, categorization, intake, supervisor } from '../../support/complaint-requests.js';
import { callerFor, type DocumentedRoute } from './openapi-routes.js';
import type { Random } from './random.js';

type Http = ReturnType<typeof httpClient>;

/** What exists before the fuzz starts, so that hostile requests reach real complaints in every state. */
export interface SeededWorld {
  complaintIds: string[];
  compensationsOf: Map<string, string[]>;
  subscriptionIds: string[];
}

/** Every seeding request carries a `seed-…` correlation id: their events are not the fuzz's. */
export async function seedWorld(http: Http, routes: DocumentedRoute[], complaints: number): Promise<SeededWorld> {
  let sequence = 0;
  const post = async (path: string, body: unknown, caller: Record<string, string> = supervisor) => {
    const answer = await http.post(path, body, { ...caller, 'x-correlation-id': `seed-${sequence++}` });
    if (answer.status >= 500)
      throw new Error(`seeding ${path} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  };
  const world: SeededWorld = { complaintIds: [], compensationsOf: new Map(), subscriptionIds: [] };
  for (let n = 0; n < complaints; n++) {
    const received = await post('/complaints', intake());
    if (received.status !== 201) throw new Error(`seeding intake failed: ${JSON.stringify(received.body)}`);
    const id = received.body.complaintId as string;
    world.complaintIds.push(id);
    const stage = n % 5;
    if (stage >= 1) {
      await post(`/complaints/${id}/categorize`, categorization);
      await post(`/complaints/${id}/assign`, assignment);
    }
    if (stage >= 2) {
      const offers = [
        await post(`/complaints/${id}/compensations`, { kind: 'voucher', amount: 500, currency: 'EUR' }),
        await post(`/complaints/${id}/compensations`, { kind: 'refund', amount: 90_000, currency: 'EUR' }),
      ];
      world.compensationsOf.set(id, offers.map((offer) => offer.body?.compensationId).filter(Boolean));
    }
    if (stage >= 3) await post(`/complaints/${id}/resolve`, { summary: 'Voucher sent', planSteps: [] });
    if (stage === 4) await post(`/complaints/${id}/close`, { closureCode: 'resolved' });
  }
  const subscribe = routes.find((route) => route.template === '/subscriptions');
  const subscriber = subscribe && callerFor(subscribe);
  for (let n = 0; subscriber && n < 2; n++) {
    const created = await post('/subscriptions', { url: `http://127.0.0.1:9/seed-${n}` }, subscriber);
    if (created.status === 201) world.subscriptionIds.push(created.body.id);
  }
  return world;
}

/** Good values for a route's path parameters, drawn from the seeded world (sometimes unknown ones). */
export function pathValuesFor(route: DocumentedRoute, world: SeededWorld, random: Random): Record<string, string> {
  const values: Record<string, string> = {};
  const complaintId = random.chance(0.9) ? random.pick(world.complaintIds) : random.uuid();
  for (const name of route.pathParams) {
    if (name === 'compensationId') {
      const known = world.compensationsOf.get(complaintId) ?? [];
      values[name] = known.length && random.chance(0.9) ? random.pick(known) : random.uuid();
    } else if (name === 'team') {
      values[name] = random.pick(['quality', 'quality', 'billing', 'logistics']);
    } else if (route.template.startsWith('/subscriptions/')) {
      values[name] =
        world.subscriptionIds.length && random.chance(0.8) ? random.pick(world.subscriptionIds) : random.uuid();
    } else if (route.template.startsWith('/complaints/')) {
      values[name] = complaintId;
    } else {
      values[name] = random.pick([complaintId, random.uuid(), 'cust-1001']);
    }
  }
  return values;
}
