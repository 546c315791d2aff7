import { given } from '../testing/decider-spec.js';
import { ONE_OF_EACH_COMMAND, receiveCommand } from '../testing/commands.js';
import {
  acknowledged,
  AGENT,
  assigned,
  AT,
  awaiting,
  categorized,
  COMPLAINT_ID,
  disputed,
  received,
  rejected,
  resolved,
  validated,
} from '../testing/fixtures.js';
import type { ComplaintCommand } from './commands.js';

const id = { complaintId: COMPLAINT_ID };
const by = AGENT.id;

describe('receiving a complaint', () => {
  test('a new complaint is received with what the customer told us and when', () => {
    given()
      .when(receiveCommand({ productRef: 'KT-100', occurredAt: '2025-03-01T08:00:00Z' }))
      .then({
        type: 'ComplaintReceived',
        data: {
          ...id,
          channel: 'phone',
          customer: { id: 'customer-42', name: 'Li Wei', email: 'li.wei@example.com' },
          subject: 'Kettle leaks',
          description: 'The kettle leaks from the base after two weeks.',
          productRef: 'KT-100',
          occurredAt: '2025-03-01T08:00:00Z',
          intensity: 'passive',
          purpose: 'criticism',
          by,
          receivedAt: AT,
        },
      });
  });

  test('fields the caller did not send are left out of the event, not stored as undefined', () => {
    const command = receiveCommand({ orderRef: undefined, customer: { id: 'c-1', name: 'Ann', phone: undefined } });
    given()
      .when(command)
      .then({
        type: 'ComplaintReceived',
        data: {
          ...id,
          channel: 'phone',
          customer: { id: 'c-1', name: 'Ann' },
          subject: 'Kettle leaks',
          description: 'The kettle leaks from the base after two weeks.',
          intensity: 'passive',
          purpose: 'criticism',
          by,
          receivedAt: AT,
        },
      });
  });

  test('fields the command does not define never reach the history', () => {
    const command = receiveCommand();
    (command.data as Record<string, unknown>)['isVip'] = true;
    const [event] = given().when(command).thenEvents();
    expect(event?.data).not.toHaveProperty('isVip');
  });

  test('a complaint id cannot be received twice', () => {
    given(received()).when(receiveCommand()).thenRejects('COMPLAINT_ALREADY_EXISTS');
  });

  test('a complaint cannot have occurred after it was received', () => {
    given()
      .when(receiveCommand({ occurredAt: '2025-03-10T12:00:01Z' }))
      .thenRejects('OCCURRED_AT_IN_FUTURE');
  });

  test('occurredAt must be a timestamp', () => {
    given()
      .when(receiveCommand({ occurredAt: 'last tuesday' }))
      .thenRejects('INVALID_TIMESTAMP');
  });

  test('a complaint needs a subject', () => {
    given()
      .when(receiveCommand({ subject: '   ' }))
      .thenRejects('MISSING_FIELD');
  });

  test('a complaint needs a customer with a name', () => {
    given()
      .when(receiveCommand({ customer: { id: 'c-1', name: '' } }))
      .thenRejects('MISSING_FIELD');
  });
});

describe('a complaint that does not exist', () => {
  const others = Object.values(ONE_OF_EACH_COMMAND).filter((c) => c.type !== 'ReceiveComplaint') as ComplaintCommand[];

  test.each(others.map((command) => [command.type, command] as const))(
    '%s is refused for a complaint that was never received',
    (_type, command) => {
      given().when(command).thenRejects('COMPLAINT_NOT_FOUND');
    },
  );
});

describe('acknowledging', () => {
  test('an acknowledgement records who acknowledged it and how', () => {
    given(received())
      .when({ type: 'AcknowledgeComplaint', data: { how: 'email', message: 'We have your complaint' } })
      .then({
        type: 'ComplaintAcknowledged',
        data: { ...id, how: 'email', message: 'We have your complaint', by, acknowledgedAt: AT },
      });
  });

  test('acknowledging moves a received complaint to acknowledged', () => {
    const state = given(received())
      .when({ type: 'AcknowledgeComplaint', data: { how: 'email' } })
      .thenState();
    expect(state.status).toBe('acknowledged');
    expect(state.acknowledgedAt).toBe(AT);
  });

  test('acknowledging again changes nothing: the first acknowledgement is the one that counted', () => {
    given(received(), acknowledged())
      .when({ type: 'AcknowledgeComplaint', data: { how: 'phone' } })
      .thenNothing();
  });

  test('a complaint validated before anyone acknowledged it can still be acknowledged, and keeps its status', () => {
    const state = given(received(), validated())
      .when({ type: 'AcknowledgeComplaint', data: { how: 'app' } })
      .thenState();
    expect(state.status).toBe('investigating');
  });
});

describe('categorizing', () => {
  const categorize = (category: string, subcategory: string, severity = 'high', impact = 'group') =>
    ({ type: 'CategorizeComplaint', data: { category, subcategory, severity, impact } }) as ComplaintCommand;

  test('a categorization records the category and the priority derived from severity and impact', () => {
    given(received())
      .when(categorize('delivery', 'logistics_delay', 'high', 'public'))
      .then({
        type: 'ComplaintCategorized',
        data: {
          ...id,
          category: 'delivery',
          subcategory: 'logistics_delay',
          severity: 'high',
          impact: 'public',
          priority: 'P1',
          by,
          categorizedAt: AT,
        },
      });
  });

  test('a safety hazard is P1 even when triaged as low severity', () => {
    const state = given(received())
      .when(categorize('product_quality', 'safety_hazard', 'low', 'individual'))
      .thenState();
    expect(state.priority).toBe('P1');
  });

  test('categorizing before acknowledging is fine', () => {
    const state = given(received()).when(categorize('service', 'attitude')).thenState();
    expect(state.status).toBe('received');
    expect(state.category).toBe('service');
  });

  test('a second categorization is a recategorization that records what it replaces', () => {
    given(received(), categorized())
      .when(categorize('service', 'slow_response', 'low', 'individual'))
      .then({
        type: 'ComplaintCategorized',
        data: {
          ...id,
          category: 'service',
          subcategory: 'slow_response',
          severity: 'low',
          impact: 'individual',
          priority: 'P4',
          previous: {
            category: 'product_quality',
            subcategory: 'manufacturing_defect',
            severity: 'medium',
            impact: 'individual',
            priority: 'P3',
          },
          by,
          categorizedAt: AT,
        },
      });
  });

  test('repeating the same categorization changes nothing', () => {
    given(received(), categorized())
      .when(categorize('product_quality', 'manufacturing_defect', 'medium', 'individual'))
      .thenNothing();
  });

  test('a subcategory must belong to its category', () => {
    given(received()).when(categorize('service', 'safety_hazard')).thenRejects('SUBCATEGORY_NOT_IN_CATEGORY');
  });

  test('an unknown category has no subcategories', () => {
    given(received()).when(categorize('weather', 'rain')).thenRejects('SUBCATEGORY_NOT_IN_CATEGORY');
  });

  test('a resolved complaint can still be recategorized, as a correction', () => {
    const state = given(received(), categorized(), assigned(), resolved())
      .when(categorize('service', 'attitude'))
      .thenState();
    expect(state.status).toBe('resolved');
    expect(state.subcategory).toBe('attitude');
  });
});

describe('assigning', () => {
  const assign = (team: string, ownerId: string): ComplaintCommand => ({
    type: 'AssignComplaint',
    data: { team, ownerId },
  });

  test('an assignment names one team and one owner', () => {
    given(received())
      .when(assign('quality', 'agent-ann'))
      .then({ type: 'ComplaintAssigned', data: { ...id, team: 'quality', ownerId: 'agent-ann', by, assignedAt: AT } });
  });

  test('a reassignment records the previous team and owner', () => {
    given(received(), assigned('quality', 'agent-ann'))
      .when(assign('technical', 'agent-tom'))
      .then({
        type: 'ComplaintAssigned',
        data: {
          ...id,
          team: 'technical',
          ownerId: 'agent-tom',
          previousTeam: 'quality',
          previousOwnerId: 'agent-ann',
          by,
          assignedAt: AT,
        },
      });
  });

  test('assigning to the current team and owner again changes nothing', () => {
    given(received(), assigned('quality', 'agent-ann')).when(assign('quality', 'agent-ann')).thenNothing();
  });

  test('an assignment needs a named owner', () => {
    given(received()).when(assign('quality', '')).thenRejects('MISSING_FIELD');
  });
});

describe('validating and rejecting', () => {
  const validate: ComplaintCommand = { type: 'ValidateComplaint', data: { reason: 'Receipt checks out' } };
  const reject: ComplaintCommand = { type: 'RejectComplaint', data: { reason: 'Misuse' } };

  test('a valid complaint goes under investigation', () => {
    given(received(), acknowledged())
      .when(validate)
      .then({ type: 'ComplaintValidated', data: { ...id, reason: 'Receipt checks out', by, validatedAt: AT } });
    expect(given(received(), acknowledged()).when(validate).thenState().status).toBe('investigating');
  });

  test('validating a valid complaint again changes nothing', () => {
    given(received(), validated()).when(validate).thenNothing();
  });

  test('validating a rejected complaint overturns the rejection', () => {
    const state = given(received(), rejected()).when(validate).thenState();
    expect(state.status).toBe('investigating');
    expect(state.validity).toBe('valid');
  });

  test('validating while waiting on the customer ends the wait first', () => {
    given(received(), awaiting())
      .when(validate)
      .then(
        {
          type: 'ComplaintResumed',
          data: { ...id, reason: 'ended by ValidateComplaint', automatic: true, by, resumedAt: AT },
        },
        { type: 'ComplaintValidated', data: { ...id, reason: 'Receipt checks out', by, validatedAt: AT } },
      );
  });

  test('a complaint resolved at first contact cannot be validated afterwards', () => {
    given(received(), categorized(), assigned(), resolved()).when(validate).thenRejects('COMPLAINT_ALREADY_RESOLVED');
  });

  test('a complaint can be rejected as unfounded', () => {
    given(received())
      .when(reject)
      .then({ type: 'ComplaintRejected', data: { ...id, reason: 'Misuse', by, rejectedAt: AT } });
  });

  test('an investigation may still find a validated complaint unfounded', () => {
    expect(given(received(), validated()).when(reject).thenState().status).toBe('rejected');
  });

  test('rejecting a rejected complaint again changes nothing', () => {
    given(received(), rejected()).when(reject).thenNothing();
  });

  test('rejecting while waiting on the customer ends the wait first', () => {
    const state = given(received(), awaiting()).when(reject).thenState();
    expect(state.status).toBe('rejected');
    expect(state.awaitingSince).toBeNull();
  });

  test('a resolved complaint cannot be rejected', () => {
    given(received(), categorized(), assigned(), resolved()).when(reject).thenRejects('COMPLAINT_ALREADY_RESOLVED');
  });

  test('a disputed complaint cannot be rejected', () => {
    given(received(), categorized(), assigned(), resolved(), disputed())
      .when(reject)
      .thenRejects('COMPLAINT_ALREADY_RESOLVED');
  });

  test('a rejection needs a reason', () => {
    given(received())
      .when({ type: 'RejectComplaint', data: { reason: '' } })
      .thenRejects('MISSING_FIELD');
  });
});
