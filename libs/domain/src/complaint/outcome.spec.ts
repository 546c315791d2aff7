import { given } from '../testing/decider-spec.js';
import { ONE_OF_EACH_COMMAND } from '../testing/commands.js';
import {
  acknowledged,
  AGENT,
  assigned,
  AT,
  awaiting,
  categorized,
  closed,
  COMPLAINT_ID,
  confirmed,
  disputed,
  NOW,
  received,
  rejected,
  reopened,
  resolved,
  slaBreached,
  slaWarning,
  triaged,
  validated,
} from '../testing/fixtures.js';
import type { ComplaintCommand } from './commands.js';
import { defaultPolicy } from './policy.js';

const id = { complaintId: COMPLAINT_ID };
const by = AGENT.id;
const DAY = 24 * 60 * 60 * 1000;
const daysAfterNow = (days: number) => ({ now: new Date(NOW.getTime() + days * DAY) });

const resolve: ComplaintCommand = {
  type: 'ResolveComplaint',
  data: { summary: 'Replaced the kettle', planSteps: ['Ship it', 'Call back'] },
};
const confirm: ComplaintCommand = {
  type: 'RecordCustomerResponse',
  data: { outcome: 'confirmed', satisfaction: 4, comment: 'Thanks' },
};
const dispute: ComplaintCommand = { type: 'RecordCustomerResponse', data: { outcome: 'disputed', satisfaction: 1 } };
const reopen: ComplaintCommand = { type: 'ReopenComplaint', data: { reason: 'The replacement leaks too' } };
const close = (closureCode?: 'resolved' | 'withdrawn' | 'duplicate' | 'final_response'): ComplaintCommand => ({
  type: 'CloseComplaint',
  data: closureCode === undefined ? {} : { closureCode },
});

describe('resolving', () => {
  test('a categorized and assigned complaint is resolved with a summary and plan', () => {
    given(...triaged())
      .when(resolve)
      .then({
        type: 'ComplaintResolved',
        data: { ...id, summary: 'Replaced the kettle', planSteps: ['Ship it', 'Call back'], by, resolvedAt: AT },
      });
  });

  test('a complaint cannot be resolved before it is categorized', () => {
    given(received(), assigned()).when(resolve).thenRejects('COMPLAINT_NOT_CATEGORIZED');
  });

  test('a complaint cannot be resolved before it is assigned', () => {
    given(received(), categorized()).when(resolve).thenRejects('COMPLAINT_NOT_ASSIGNED');
  });

  test('a complaint can be resolved at first contact, without a separate validation', () => {
    expect(given(received(), categorized(), assigned()).when(resolve).thenState().status).toBe('resolved');
  });

  test('resolving while waiting on the customer ends the wait first', () => {
    given(...triaged(), awaiting())
      .when(resolve)
      .then(
        {
          type: 'ComplaintResumed',
          data: { ...id, reason: 'ended by ResolveComplaint', automatic: true, by, resumedAt: AT },
        },
        {
          type: 'ComplaintResolved',
          data: { ...id, summary: 'Replaced the kettle', planSteps: ['Ship it', 'Call back'], by, resolvedAt: AT },
        },
      );
  });

  test('a rejected complaint is not resolved', () => {
    given(received(), categorized(), assigned(), rejected()).when(resolve).thenRejects('COMPLAINT_REJECTED');
  });

  test('a resolved complaint is not resolved again', () => {
    given(...triaged(), resolved())
      .when(resolve)
      .thenRejects('COMPLAINT_ALREADY_RESOLVED');
  });

  test('a disputed complaint is reopened, not resolved again directly', () => {
    given(...triaged(), resolved(), disputed())
      .when(resolve)
      .thenRejects('COMPLAINT_ALREADY_RESOLVED');
  });

  test('a resolution needs a summary', () => {
    given(...triaged())
      .when({ type: 'ResolveComplaint', data: { summary: '', planSteps: [] } })
      .thenRejects('MISSING_FIELD');
  });
});

describe('the customer’s answer to a resolution', () => {
  test('a customer confirms a resolution with a satisfaction score', () => {
    given(...triaged(), resolved())
      .when(confirm)
      .then({
        type: 'CustomerConfirmedResolution',
        data: { ...id, satisfaction: 4, comment: 'Thanks', by, respondedAt: AT },
      });
  });

  test('a customer disputes a resolution, which marks the complaint disputed', () => {
    given(...triaged(), resolved())
      .when(dispute)
      .then({ type: 'CustomerDisputedResolution', data: { ...id, satisfaction: 1, by, respondedAt: AT } });
    expect(
      given(...triaged(), resolved())
        .when(dispute)
        .thenState().status,
    ).toBe('disputed');
  });

  test('confirmation only after resolved', () => {
    given(...triaged())
      .when(confirm)
      .thenRejects('COMPLAINT_NOT_RESOLVED');
  });

  test('a dispute only after resolved', () => {
    given(received(), rejected()).when(dispute).thenRejects('COMPLAINT_NOT_RESOLVED');
  });

  test('the same answer recorded again changes nothing', () => {
    given(...triaged(), resolved(), confirmed(4))
      .when(confirm)
      .thenNothing();
  });

  test('a different answer after the customer answered is refused', () => {
    given(...triaged(), resolved(), confirmed(4))
      .when(dispute)
      .thenRejects('CUSTOMER_ALREADY_RESPONDED');
  });

  test('after a dispute, a confirmation needs a reopening and a new resolution first', () => {
    given(...triaged(), resolved(), disputed())
      .when(confirm)
      .thenRejects('CUSTOMER_ALREADY_RESPONDED');
  });

  test('satisfaction is a whole number from 1 to 5', () => {
    for (const satisfaction of [0, 6, 3.5]) {
      given(...triaged(), resolved())
        .when({ type: 'RecordCustomerResponse', data: { outcome: 'confirmed', satisfaction } })
        .thenRejects('INVALID_SATISFACTION');
    }
  });
});

describe('reopening', () => {
  test('a disputed complaint is reopened for a second handling', () => {
    given(...triaged(), resolved(), disputed())
      .when(reopen)
      .then({
        type: 'ComplaintReopened',
        data: { ...id, reason: 'The replacement leaks too', reopenedFrom: 'disputed', handling: 2, by, reopenedAt: AT },
      });
  });

  test('a reopened complaint is investigated again, without its previous resolution', () => {
    const state = given(...triaged(), resolved(), disputed())
      .when(reopen)
      .thenState();
    expect(state).toMatchObject({ status: 'investigating', reopenCount: 1, resolvedAt: null, customerOutcome: null });
  });

  test('a closed complaint can be reopened within the reopen window', () => {
    const state = given(...triaged(), resolved(), closed('resolved', AT))
      .when(reopen, daysAfterNow(30))
      .thenState();
    expect(state).toMatchObject({ status: 'investigating', closedAt: null, closureCode: null });
  });

  test('a closed complaint cannot be reopened after the reopen window', () => {
    given(...triaged(), resolved(), closed('resolved', AT))
      .when(reopen, daysAfterNow(30.001))
      .thenRejects('REOPEN_WINDOW_EXPIRED');
  });

  test('the reopen window comes from the policy', () => {
    const policy = { ...defaultPolicy, approvalLimits: {}, reopenWindowDays: 7 };
    given(...triaged(), resolved(), closed('resolved', AT))
      .when(reopen, { ...daysAfterNow(8), policy })
      .thenRejects('REOPEN_WINDOW_EXPIRED');
  });

  test('each reopening counts as a further handling', () => {
    const history = [...triaged(), resolved(), disputed(), reopened('disputed', 2), resolved(), closed('resolved', AT)];
    const [event] = given(...history)
      .when(reopen)
      .thenEvents();
    expect(event?.data).toMatchObject({ reopenedFrom: 'closed', handling: 3 });
  });

  test('a reopened complaint that had been rejected is no longer rejected', () => {
    const state = given(received(), rejected(), closed('unfounded', AT)).when(reopen).thenState();
    expect(state).toMatchObject({ status: 'investigating', validity: 'pending' });
  });

  test('a resolved complaint the customer has not disputed cannot be reopened', () => {
    given(...triaged(), resolved())
      .when(reopen)
      .thenRejects('COMPLAINT_NOT_REOPENABLE');
  });

  test('an open complaint cannot be reopened', () => {
    given(...triaged())
      .when(reopen)
      .thenRejects('COMPLAINT_NOT_REOPENABLE');
  });

  test('a reopening needs a reason', () => {
    given(...triaged(), resolved(), disputed())
      .when({ type: 'ReopenComplaint', data: { reason: '' } })
      .thenRejects('MISSING_FIELD');
  });

  test('a reopening restarts the resolve clock, so its SLA facts can be recorded again', () => {
    const history = [
      ...triaged(),
      slaWarning('resolve'),
      slaBreached('resolve'),
      slaWarning('acknowledge'),
      resolved(),
      disputed(),
    ];
    const state = given(...history)
      .when(reopen)
      .thenState();
    expect(state.slaFacts).toEqual(['warning:acknowledge']);
  });
});

describe('closing', () => {
  const lessons = {
    situation: 'Leaking kettles',
    task: 'Stop leaks',
    action: 'Recalibrated',
    result: 'No leaks',
    lesson: 'Calibrate weekly',
  };

  test('a resolved complaint closes with the code resolved by default, with lessons learned', () => {
    given(...triaged(), resolved(), confirmed())
      .when({ type: 'CloseComplaint', data: { lessons } })
      .then({ type: 'ComplaintClosed', data: { ...id, closureCode: 'resolved', lessons, by, closedAt: AT } });
  });

  test('a resolved complaint the customer never answered can be closed', () => {
    expect(
      given(...triaged(), resolved())
        .when(close())
        .thenState().status,
    ).toBe('closed');
  });

  test('closing an unresolved complaint needs an explicit closure code', () => {
    given(...triaged())
      .when(close())
      .thenRejects('CLOSURE_CODE_REQUIRED');
  });

  test('an unresolved complaint cannot be closed as resolved', () => {
    given(...triaged())
      .when(close('resolved'))
      .thenRejects('CLOSURE_CODE_REQUIRED');
  });

  test('an unresolved complaint closes with an explicit code such as withdrawn', () => {
    given(received(), acknowledged())
      .when(close('withdrawn'))
      .then({ type: 'ComplaintClosed', data: { ...id, closureCode: 'withdrawn', by, closedAt: AT } });
  });

  test('a rejected complaint needs an explicit code too', () => {
    given(received(), rejected()).when(close()).thenRejects('CLOSURE_CODE_REQUIRED');
  });

  test('a disputed complaint is not closed as resolved', () => {
    given(...triaged(), resolved(), disputed())
      .when(close('resolved'))
      .thenRejects('CLOSURE_CODE_REQUIRED');
  });

  test('a disputed complaint can be closed with the company’s final response', () => {
    expect(
      given(...triaged(), resolved(), disputed())
        .when(close('final_response'))
        .thenState().closureCode,
    ).toBe('final_response');
  });

  test('closing while waiting on the customer ends the wait first', () => {
    const events = given(received(), validated(), awaiting()).when(close('withdrawn')).thenEvents();
    expect(events.map((event) => event.type)).toEqual(['ComplaintResumed', 'ComplaintClosed']);
  });
});

describe('a closed complaint', () => {
  const history = [...triaged(), resolved(), closed('resolved', AT)];
  const steps = Object.values(ONE_OF_EACH_COMMAND).filter(
    (command) =>
      !['ReopenComplaint', 'ReceiveComplaint', 'RaiseSlaWarning', 'RecordSlaBreach', 'EscalateOnSignal'].includes(
        command.type,
      ),
  ) as ComplaintCommand[];

  test.each(steps.map((command) => [command.type, command] as const))(
    '%s is refused on a closed complaint',
    (_type, command) => {
      given(...history)
        .when(command)
        .thenRejects('COMPLAINT_CLOSED');
    },
  );

  test('SLA facts and critical-point escalations about a closed complaint are not recorded, and that is not an error', () => {
    for (const command of ['RaiseSlaWarning', 'RecordSlaBreach', 'EscalateOnSignal'] as const) {
      given(...history)
        .when(ONE_OF_EACH_COMMAND[command], { now: new Date('2026-01-01T00:00:00Z') })
        .thenNothing();
    }
  });

  test('receiving it again is refused as a duplicate', () => {
    given(...history)
      .when(ONE_OF_EACH_COMMAND.ReceiveComplaint)
      .thenRejects('COMPLAINT_ALREADY_EXISTS');
  });
});
