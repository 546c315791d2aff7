import { given } from '../testing/decider-spec.js';
import {
  acknowledged,
  AGENT,
  assigned,
  AT,
  awaiting,
  categorized,
  COMPLAINT_ID,
  contacted,
  disputed,
  escalated,
  received,
  rejected,
  resolved,
  rootCause,
  triaged,
  validated,
} from '../testing/fixtures.js';
import type { ComplaintCommand } from './commands.js';

const id = { complaintId: COMPLAINT_ID };
const by = AGENT.id;

describe('logging customer contacts', () => {
  const contact: ComplaintCommand = {
    type: 'LogCustomerContact',
    data: { direction: 'inbound', channel: 'online_chat', summary: 'Asked for an update', mood: 'frustrated' },
  };

  test('a contact records direction, channel, summary and mood', () => {
    given(...triaged())
      .when(contact)
      .then({
        type: 'CustomerContacted',
        data: {
          ...id,
          direction: 'inbound',
          channel: 'online_chat',
          summary: 'Asked for an update',
          mood: 'frustrated',
          by,
          contactedAt: AT,
        },
      });
  });

  test('the same contact logged twice is two contacts: customers do call twice', () => {
    const state = given(...triaged(), contacted('inbound'))
      .when(contact)
      .thenState();
    expect(state.contactCount).toBe(2);
    expect(state.inboundContactTimes).toHaveLength(2);
  });

  test('the first outbound contact is the first response', () => {
    const state = given(received(), contacted('inbound'))
      .when({ type: 'LogCustomerContact', data: { direction: 'outbound', channel: 'phone', summary: 'Called back' } })
      .thenState();
    expect(state.firstResponseAt).toBe(AT);
  });

  test('contacts are logged on rejected complaints too: customers push back', () => {
    expect(given(received(), rejected()).when(contact).thenState().contactCount).toBe(1);
  });

  test('a contact needs a summary', () => {
    given(received())
      .when({ type: 'LogCustomerContact', data: { direction: 'inbound', channel: 'phone', summary: ' ' } })
      .thenRejects('MISSING_FIELD');
  });
});

describe('waiting on the customer', () => {
  const wait: ComplaintCommand = { type: 'AwaitCustomer', data: { reason: 'Need photos of the damage' } };
  const resume: ComplaintCommand = { type: 'ResumeComplaint', data: { reason: 'Photos arrived' } };

  test('a complaint can wait on the customer, which pauses its SLA clocks', () => {
    given(...triaged())
      .when(wait)
      .then({
        type: 'ComplaintAwaitingCustomer',
        data: { ...id, reason: 'Need photos of the damage', by, pausedAt: AT },
      });
  });

  test('a complaint can wait on the customer before it is validated, e.g. for evidence', () => {
    expect(given(received(), acknowledged()).when(wait).thenState().status).toBe('waiting_on_customer');
  });

  test('a complaint already waiting on the customer cannot start waiting again', () => {
    given(...triaged(), awaiting())
      .when(wait)
      .thenRejects('ALREADY_AWAITING_CUSTOMER');
  });

  test('a rejected complaint does not wait on the customer', () => {
    given(received(), rejected()).when(wait).thenRejects('COMPLAINT_REJECTED');
  });

  test('a resolved complaint does not wait on the customer', () => {
    given(...triaged(), resolved())
      .when(wait)
      .thenRejects('COMPLAINT_ALREADY_RESOLVED');
  });

  test('waiting needs a reason', () => {
    given(...triaged())
      .when({ type: 'AwaitCustomer', data: { reason: '' } })
      .thenRejects('MISSING_FIELD');
  });

  test('resuming records why, and returns the complaint to where it was', () => {
    given(...triaged(), awaiting())
      .when(resume)
      .then({
        type: 'ComplaintResumed',
        data: { ...id, reason: 'Photos arrived', automatic: false, by, resumedAt: AT },
      });
    expect(given(received(), acknowledged(), awaiting()).when(resume).thenState().status).toBe('acknowledged');
    expect(
      given(...triaged(), awaiting())
        .when(resume)
        .thenState().status,
    ).toBe('investigating');
  });

  test('resuming needs no reason', () => {
    given(...triaged(), awaiting())
      .when({ type: 'ResumeComplaint', data: {} })
      .then({ type: 'ComplaintResumed', data: { ...id, automatic: false, by, resumedAt: AT } });
  });

  test('a complaint that is not waiting on the customer cannot resume', () => {
    given(...triaged())
      .when(resume)
      .thenRejects('NOT_AWAITING_CUSTOMER');
  });
});

describe('root cause', () => {
  const analysis: ComplaintCommand = {
    type: 'IdentifyRootCause',
    data: {
      fishboneClass: 'method',
      whys: ['Seal was not checked', 'No inspection step', 'Checklist outdated'],
      correctiveAction: 'Inspect every seal',
      preventiveAction: 'Review the checklist quarterly',
    },
  };

  test('a root cause records the fishbone class, the whys and both actions', () => {
    given(...triaged())
      .when(analysis)
      .then({
        type: 'RootCauseIdentified',
        data: {
          ...id,
          fishboneClass: 'method',
          whys: ['Seal was not checked', 'No inspection step', 'Checklist outdated'],
          correctiveAction: 'Inspect every seal',
          preventiveAction: 'Review the checklist quarterly',
          by,
          identifiedAt: AT,
        },
      });
  });

  test('a root cause may be identified after the resolution', () => {
    expect(
      given(...triaged(), resolved())
        .when(analysis)
        .thenState().rootCauseCount,
    ).toBe(1);
  });

  test('a refined analysis is recorded again', () => {
    expect(
      given(...triaged(), rootCause())
        .when(analysis)
        .thenState().rootCauseCount,
    ).toBe(2);
  });

  test('an identical analysis again changes nothing', () => {
    const first = given(...triaged())
      .when(analysis)
      .thenEvents();
    given(...triaged(), ...first)
      .when(analysis)
      .thenNothing();
  });

  test('a root cause needs at least one why', () => {
    given(...triaged())
      .when({ type: 'IdentifyRootCause', data: { ...analysisData(), whys: [] } })
      .thenRejects('MISSING_FIELD');
  });

  test('every why must say something', () => {
    given(...triaged())
      .when({ type: 'IdentifyRootCause', data: { ...analysisData(), whys: ['Seal', ''] } })
      .thenRejects('MISSING_FIELD');
  });

  test('a root cause needs a preventive action', () => {
    given(...triaged())
      .when({ type: 'IdentifyRootCause', data: { ...analysisData(), preventiveAction: '' } })
      .thenRejects('MISSING_FIELD');
  });

  function analysisData() {
    return (analysis as Extract<ComplaintCommand, { type: 'IdentifyRootCause' }>).data;
  }
});

describe('escalation', () => {
  const escalate = (tier: 1 | 2 | 3 | 4, reason: 'manual' | 'regulator' | 'safety' = 'manual'): ComplaintCommand => ({
    type: 'EscalateComplaint',
    data: { tier, reason },
  });

  test('a first escalation goes from tier 0 to the requested tier', () => {
    given(...triaged())
      .when({ type: 'EscalateComplaint', data: { tier: 2, reason: 'public-exposure', note: 'Posted on social media' } })
      .then({
        type: 'ComplaintEscalated',
        data: {
          ...id,
          tier: 2,
          previousTier: 0,
          reason: 'public-exposure',
          note: 'Posted on social media',
          by,
          escalatedAt: AT,
        },
      });
  });

  test('escalation goes up', () => {
    expect(
      given(...triaged(), escalated(1))
        .when(escalate(3))
        .thenState().escalationTier,
    ).toBe(3);
  });

  test('escalation never goes down', () => {
    given(...triaged(), escalated(3))
      .when(escalate(2))
      .thenRejects('ESCALATION_DOWNGRADE');
  });

  test('the same tier for the same reason again is a no-op', () => {
    given(...triaged(), escalated(2, 'manual'))
      .when(escalate(2, 'manual'))
      .thenNothing();
  });

  test('the same tier for another reason records the extra reason at that tier', () => {
    given(...triaged(), escalated(2, 'manual'))
      .when(escalate(2, 'regulator'))
      .then({
        type: 'ComplaintEscalated',
        data: { ...id, tier: 2, previousTier: 2, reason: 'regulator', by, escalatedAt: AT },
      });
  });

  test('a reason recorded at a lower tier may be given again at a higher tier', () => {
    expect(
      given(...triaged(), escalated(1, 'safety'))
        .when(escalate(2, 'safety'))
        .thenEvents(),
    ).toHaveLength(1);
  });

  test('a tier outside 1 to 4 is refused', () => {
    given(...triaged())
      .when({ type: 'EscalateComplaint', data: { tier: 5 as 4, reason: 'manual' } })
      .thenRejects('INVALID_ESCALATION_TIER');
  });

  test('escalation is possible at any time while open, even before categorization', () => {
    expect(given(received()).when(escalate(1, 'safety')).thenEvents()).toHaveLength(1);
  });

  test('a disputed resolution can be escalated', () => {
    const history = [received(), categorized(), assigned(), validated(), resolved(), disputed()];
    expect(
      given(...history)
        .when(escalate(2))
        .thenState().status,
    ).toBe('disputed');
  });

  test('a rejected complaint can be escalated when the customer contests the rejection', () => {
    expect(given(received(), rejected()).when(escalate(1)).thenState().escalationTier).toBe(1);
  });
});
