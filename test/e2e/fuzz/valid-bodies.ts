import { assignment, categorization, intake } from '../../support/complaint-requests.js';
import { type OpenApiDocument, resolve, type Schema } from './openapi-routes.js';
import type { Random } from './random.js';

type Body = Record<string, unknown>;

/**
 * Bodies the API accepts, per request schema: the fuzz mutates these, so most hostile requests
 * differ from a good one in one way only and get past everything but the check under test.
 */
const KNOWN: Record<string, (random: Random) => Body> = {
  ReceiveComplaintDto: () => intake(),
  AcknowledgeComplaintDto: () => ({ how: 'email', message: 'We are on it' }),
  CategorizeComplaintDto: () => ({ ...categorization }),
  AssignComplaintDto: () => ({ ...assignment }),
  ReasonDto: () => ({ reason: 'Checked against the order history' }),
  LogCustomerContactDto: () => ({ direction: 'outbound', channel: 'phone', summary: 'Asked for photos' }),
  ResumeComplaintDto: () => ({ reason: 'Photos received' }),
  IdentifyRootCauseDto: () => ({
    fishboneClass: 'machine',
    whys: ['Thermostat fails', 'Cracked solder joints'],
    correctiveAction: 'Replace the unit',
    preventiveAction: 'Thermal cycling in QA',
  }),
  EscalateComplaintDto: (random) => ({ tier: 1 + random.int(4), reason: 'manual' }),
  OfferCompensationDto: (random) => ({ kind: 'voucher', amount: 100 + random.int(5000), currency: 'EUR' }),
  ApproveCompensationDto: () => ({}),
  DeclineCompensationDto: () => ({ reason: 'Not covered by the warranty' }),
  PayCompensationDto: (random) => ({ amount: 100 + random.int(400), paymentRef: 'PAY-1' }),
  ResolveComplaintDto: () => ({ summary: 'Unit replaced', planSteps: ['Replace', 'Collect'] }),
  CustomerResponseDto: (random) => ({ outcome: random.pick(['confirmed', 'disputed']), satisfaction: 4 }),
  CloseComplaintDto: () => ({ closureCode: 'resolved' }),
  CreateSubscriptionDto: (random) => ({ url: `http://127.0.0.1:9/hooks/${random.int(1000)}` }),
};

/** A plausible body for a schema: the hand-written one when known, else one built from the schema. */
export function validBody(document: OpenApiDocument, schemaName: string, random: Random): Body {
  const known = KNOWN[schemaName];
  if (known) return known(random);
  return fromSchema(document, { $ref: `#/${schemaName}` }, random, 0) as Body;
}

/** Required fields only, each the simplest value its schema allows (a route added later still gets one). */
function fromSchema(document: OpenApiDocument, schema: Schema, random: Random, depth: number): unknown {
  const resolved = resolve(document, schema);
  if (resolved.enum) return random.pick(resolved.enum);
  if (resolved.properties && depth < 4) {
    return Object.fromEntries(
      (resolved.required ?? []).map((name) => [
        name,
        fromSchema(document, resolved.properties![name]!, random, depth + 1),
      ]),
    );
  }
  if (resolved.type === 'integer' || resolved.type === 'number') return resolved.minimum ?? 1;
  if (resolved.type === 'boolean') return true;
  if (resolved.type === 'array') return resolved.items ? [fromSchema(document, resolved.items, random, depth + 1)] : [];
  if (resolved.format === 'uuid') return random.uuid();
  if (resolved.format === 'date-time') return '2026-01-01T00:00:00Z';
  if (resolved.format === 'email') return 'someone@example.com';
  return 'fuzz';
}
