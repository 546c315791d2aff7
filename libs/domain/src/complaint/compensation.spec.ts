import { given } from '../testing/decider-spec.js';
import {
  AGENT,
  approved,
  assigned,
  AT,
  categorized,
  COMPLAINT_ID,
  declined,
  offered,
  paid,
  received,
  rejected,
  resolved,
  SUPERVISOR,
  triaged,
} from '../testing/fixtures.js';
import type { ComplaintCommand } from './commands.js';
import { type ComplaintPolicy, defaultPolicy } from './policy.js';

const id = { complaintId: COMPLAINT_ID };
const by = AGENT.id;

const offer = (compensationId: string, amount: number, currency = 'EUR'): ComplaintCommand => ({
  type: 'OfferCompensation',
  data: { compensationId, kind: 'refund', amount, currency },
});
const approve = (compensationId: string, approvedAmount?: number): ComplaintCommand => ({
  type: 'ApproveCompensation',
  data: approvedAmount === undefined ? { compensationId } : { compensationId, approvedAmount },
});
const pay = (compensationId: string, amount: number, paymentRef?: string): ComplaintCommand => ({
  type: 'PayCompensation',
  data: paymentRef === undefined ? { compensationId, amount } : { compensationId, amount, paymentRef },
});
const decline: ComplaintCommand = {
  type: 'DeclineCompensation',
  data: { compensationId: 'c-1', reason: 'Customer prefers repair' },
};

describe('offering compensation', () => {
  test('an offer within the team limit needs no approval', () => {
    given(...triaged())
      .when(offer('c-1', 3000))
      .then({
        type: 'CompensationOffered',
        data: {
          ...id,
          compensationId: 'c-1',
          kind: 'refund',
          amount: 3000,
          currency: 'EUR',
          approvalLimit: 5000,
          requiresApproval: false,
          by,
          offeredAt: AT,
        },
      });
  });

  test('an offer exactly at the limit needs no approval', () => {
    const [event] = given(...triaged())
      .when(offer('c-1', 5000))
      .thenEvents();
    expect(event?.data).toMatchObject({ requiresApproval: false });
  });

  test('an offer above the team limit needs approval', () => {
    const [event] = given(...triaged())
      .when(offer('c-1', 5001))
      .thenEvents();
    expect(event?.data).toMatchObject({ requiresApproval: true, approvalLimit: 5000 });
  });

  test('the limit is the team’s own when the policy has one', () => {
    const history = [received(), categorized(), assigned('billing-compliance', 'agent-ann')];
    const [event] = given(...history)
      .when(offer('c-1', 15000))
      .thenEvents();
    expect(event?.data).toMatchObject({ requiresApproval: false, approvalLimit: 20000 });
  });

  test('a currency without a configured limit always needs approval above zero', () => {
    const [event] = given(...triaged())
      .when(offer('c-1', 1, 'JPY'))
      .thenEvents();
    expect(event?.data).toMatchObject({ requiresApproval: true, approvalLimit: 0 });
  });

  test('the limit comes from the policy in the decision context', () => {
    const policy: ComplaintPolicy = { ...defaultPolicy, approvalLimits: { quality: { EUR: 100 } } };
    const [event] = given(...triaged())
      .when(offer('c-1', 3000), { policy })
      .thenEvents();
    expect(event?.data).toMatchObject({ requiresApproval: true, approvalLimit: 100 });
  });

  test('an unassigned complaint uses the fallback limit', () => {
    const [event] = given(received()).when(offer('c-1', 3000)).thenEvents();
    expect(event?.data).toMatchObject({ requiresApproval: false, approvalLimit: 5000 });
  });

  test('a compensation of zero is allowed, e.g. a replacement at no cost', () => {
    expect(
      given(...triaged())
        .when(offer('c-1', 0))
        .thenEvents(),
    ).toHaveLength(1);
  });

  test('a compensation id is used once per complaint', () => {
    given(...triaged(), offered('c-1', 3000, false))
      .when(offer('c-1', 3000))
      .thenRejects('COMPENSATION_ALREADY_EXISTS');
  });

  test('an amount must be a whole number of minor units', () => {
    given(...triaged())
      .when(offer('c-1', 12.5))
      .thenRejects('INVALID_AMOUNT');
  });

  test('an amount cannot be negative', () => {
    given(...triaged())
      .when(offer('c-1', -1))
      .thenRejects('INVALID_AMOUNT');
  });

  test('a currency is an ISO 4217 code', () => {
    given(...triaged())
      .when(offer('c-1', 100, 'euro'))
      .thenRejects('INVALID_CURRENCY');
  });

  test('a rejected complaint is not compensated', () => {
    given(received(), rejected()).when(offer('c-1', 100)).thenRejects('COMPLAINT_REJECTED');
  });

  test('compensation may be offered after the resolution', () => {
    expect(
      given(...triaged(), resolved())
        .when(offer('c-1', 100))
        .thenEvents(),
    ).toHaveLength(1);
  });
});

describe('approving compensation', () => {
  test('a supervisor approves an offer above the limit, for the offered amount by default', () => {
    given(...triaged(), offered('c-1', 8000, true))
      .when(approve('c-1'), { actor: SUPERVISOR })
      .then({
        type: 'CompensationApproved',
        data: {
          ...id,
          compensationId: 'c-1',
          approvedAmount: 8000,
          currency: 'EUR',
          approver: SUPERVISOR.id,
          approvedAt: AT,
        },
      });
  });

  test('an admin may approve above the limit too', () => {
    const state = given(...triaged(), offered('c-1', 8000, true))
      .when(approve('c-1'), { actor: { id: 'admin-ada', role: 'admin' } })
      .thenState();
    expect(state.compensations['c-1']?.status).toBe('approved');
  });

  test('an agent cannot approve an offer above the limit', () => {
    given(...triaged(), offered('c-1', 8000, true))
      .when(approve('c-1'))
      .thenRejects('APPROVER_NOT_AUTHORIZED');
  });

  test('an agent may approve an offer within the limit', () => {
    expect(
      given(...triaged(), offered('c-1', 3000, false))
        .when(approve('c-1', 2000))
        .thenEvents(),
    ).toHaveLength(1);
  });

  test('an approval may lower the amount', () => {
    const state = given(...triaged(), offered('c-1', 8000, true))
      .when(approve('c-1', 6000), { actor: SUPERVISOR })
      .thenState();
    expect(state.compensations['c-1']?.approvedAmount).toBe(6000);
  });

  test('an approval cannot exceed the offer', () => {
    given(...triaged(), offered('c-1', 8000, true))
      .when(approve('c-1', 9000), { actor: SUPERVISOR })
      .thenRejects('APPROVED_AMOUNT_EXCEEDS_OFFER');
  });

  test('the same approval again changes nothing', () => {
    given(...triaged(), offered('c-1', 8000, true), approved('c-1', 8000))
      .when(approve('c-1'), { actor: SUPERVISOR })
      .thenNothing();
  });

  test('a second approval for another amount is refused', () => {
    given(...triaged(), offered('c-1', 8000, true), approved('c-1', 8000))
      .when(approve('c-1', 7000), { actor: SUPERVISOR })
      .thenRejects('COMPENSATION_ALREADY_APPROVED');
  });

  test('a declined compensation cannot be approved', () => {
    given(...triaged(), offered('c-1', 8000, true), declined('c-1'))
      .when(approve('c-1'), { actor: SUPERVISOR })
      .thenRejects('COMPENSATION_DECLINED');
  });

  test('a compensation already being paid cannot be approved afterwards', () => {
    given(...triaged(), offered('c-1', 3000, false), paid('c-1', 1000, 1000))
      .when(approve('c-1', 3000))
      .thenRejects('COMPENSATION_PAYMENT_STARTED');
  });

  test('an unknown compensation cannot be approved', () => {
    given(...triaged())
      .when(approve('c-404'), { actor: SUPERVISOR })
      .thenRejects('COMPENSATION_NOT_FOUND');
  });

  test('a compensation of a rejected complaint is not approved', () => {
    given(received(), offered('c-1', 8000, true), rejected())
      .when(approve('c-1'), { actor: SUPERVISOR })
      .thenRejects('COMPLAINT_REJECTED');
  });
});

describe('declining compensation', () => {
  test('an offer can be declined with a reason', () => {
    given(...triaged(), offered('c-1', 3000, false))
      .when(decline)
      .then({
        type: 'CompensationDeclined',
        data: { ...id, compensationId: 'c-1', reason: 'Customer prefers repair', by, declinedAt: AT },
      });
  });

  test('an approved offer can still be declined before payment', () => {
    const state = given(...triaged(), offered('c-1', 8000, true), approved('c-1', 8000))
      .when(decline)
      .thenState();
    expect(state.compensations['c-1']?.status).toBe('declined');
  });

  test('declining twice changes nothing', () => {
    given(...triaged(), offered('c-1', 3000, false), declined('c-1'))
      .when(decline)
      .thenNothing();
  });

  test('a compensation already being paid cannot be declined', () => {
    given(...triaged(), offered('c-1', 3000, false), paid('c-1', 1000, 1000))
      .when(decline)
      .thenRejects('COMPENSATION_PAYMENT_STARTED');
  });

  test('an unknown compensation cannot be declined', () => {
    given(...triaged())
      .when(decline)
      .thenRejects('COMPENSATION_NOT_FOUND');
  });

  test('a compensation of a rejected complaint can be declined, to clean up', () => {
    expect(
      given(received(), offered('c-1', 3000, false), rejected())
        .when(decline)
        .thenEvents(),
    ).toHaveLength(1);
  });
});

describe('paying compensation', () => {
  test('an offer within the limit can be paid without approval', () => {
    given(...triaged(), offered('c-1', 3000, false))
      .when(pay('c-1', 3000, 'PAY-1'))
      .then({
        type: 'CompensationPaid',
        data: {
          ...id,
          compensationId: 'c-1',
          amount: 3000,
          currency: 'EUR',
          paymentRef: 'PAY-1',
          totalPaid: 3000,
          by,
          paidAt: AT,
        },
      });
  });

  test('an offer above the limit cannot be paid before approval', () => {
    given(...triaged(), offered('c-1', 8000, true))
      .when(pay('c-1', 100))
      .thenRejects('COMPENSATION_NOT_APPROVED');
  });

  test('an approved offer can be paid', () => {
    const state = given(...triaged(), offered('c-1', 8000, true), approved('c-1', 8000))
      .when(pay('c-1', 8000))
      .thenState();
    expect(state.compensations['c-1']).toMatchObject({ paidAmount: 8000, status: 'paid' });
  });

  test('payments may be partial', () => {
    const state = given(...triaged(), offered('c-1', 8000, true), approved('c-1', 8000))
      .when(pay('c-1', 3000))
      .thenState();
    expect(state.compensations['c-1']).toMatchObject({ paidAmount: 3000, status: 'partially_paid' });
  });

  test('the total paid never exceeds the approved amount', () => {
    const history = [...triaged(), offered('c-1', 8000, true), approved('c-1', 6000), paid('c-1', 5000, 5000)];
    const error = given(...history)
      .when(pay('c-1', 1001))
      .thenRejects('PAYMENT_EXCEEDS_APPROVED');
    expect(error.details).toEqual({ approved: 6000, paid: 5000, requested: 1001 });
  });

  test('paying up to exactly the approved amount is fine', () => {
    const history = [...triaged(), offered('c-1', 8000, true), approved('c-1', 6000), paid('c-1', 5000, 5000)];
    expect(
      given(...history)
        .when(pay('c-1', 1000))
        .thenState().compensations['c-1']?.status,
    ).toBe('paid');
  });

  test('without approval, the offered amount is what may be paid', () => {
    given(...triaged(), offered('c-1', 3000, false))
      .when(pay('c-1', 3001))
      .thenRejects('PAYMENT_EXCEEDS_APPROVED');
  });

  test('a lowered approval caps an offer that needed none', () => {
    given(...triaged(), offered('c-1', 3000, false), approved('c-1', 2000))
      .when(pay('c-1', 2500))
      .thenRejects('PAYMENT_EXCEEDS_APPROVED');
  });

  test('a payment already recorded under the same reference is a retry and changes nothing', () => {
    given(...triaged(), offered('c-1', 3000, false), paid('c-1', 1000, 1000, 'PAY-1'))
      .when(pay('c-1', 1000, 'PAY-1'))
      .thenNothing();
  });

  test('a payment must be at least one minor unit', () => {
    given(...triaged(), offered('c-1', 3000, false))
      .when(pay('c-1', 0))
      .thenRejects('INVALID_AMOUNT');
  });

  test('a declined compensation cannot be paid', () => {
    given(...triaged(), offered('c-1', 3000, false), declined('c-1'))
      .when(pay('c-1', 100))
      .thenRejects('COMPENSATION_DECLINED');
  });

  test('an unknown compensation cannot be paid', () => {
    given(...triaged())
      .when(pay('c-404', 100))
      .thenRejects('COMPENSATION_NOT_FOUND');
  });

  test('a resolved complaint’s compensation is still paid: payment often follows the resolution', () => {
    expect(
      given(...triaged(), offered('c-1', 3000, false), resolved())
        .when(pay('c-1', 3000))
        .thenEvents(),
    ).toHaveLength(1);
  });

  test('a rejected complaint’s compensation is not paid', () => {
    given(received(), offered('c-1', 3000, false), rejected())
      .when(pay('c-1', 100))
      .thenRejects('COMPLAINT_REJECTED');
  });
});
