import { type ComplaintEvent, fold } from '#domain';
import { replayHistory } from '../../history/replay-history.js';
import { RowRejectedError, type SourceRow } from '../../profile.js';
import { COLUMNS } from './cfpb-columns.js';
import { ownerIdOf, planCfpbRecord } from './cfpb-profile.js';

/** The first record of the CFPB sample, with changes. */
function row(changes: Partial<Record<keyof typeof COLUMNS, string>> = {}): SourceRow {
  const values: Record<keyof typeof COLUMNS, string> = {
    received: '2019-09-19',
    product: 'Credit reporting, credit repair services, or other personal consumer reports',
    subProduct: 'Credit reporting',
    issue: 'Incorrect information on your report',
    subIssue: 'Information belongs to someone else',
    narrative: '',
    publicResponse: '',
    company: 'Experian Information Solutions Inc.',
    submittedVia: 'Web',
    sent: '2019-09-20',
    companyResponse: 'Closed with non-monetary relief',
    timely: 'Yes',
    disputed: 'N/A',
    complaintId: '3379500',
    ...changes,
  };
  const byColumn = new Map<string, string>(
    Object.entries(COLUMNS).map(([key, column]) => [column, values[key as keyof typeof COLUMNS]]),
  );
  return { line: 7, get: (column) => byColumn.get(column) ?? '' };
}

function eventsOf(source: SourceRow): ComplaintEvent[] {
  return replayHistory('cfpb', planCfpbRecord(source)).events.map(
    (e) => ({ type: e.type, data: e.data }) as ComplaintEvent,
  );
}

const timeline = (events: ComplaintEvent[]) =>
  events.map((event) => {
    const at = Object.entries(event.data).find(
      ([key]) => key.endsWith('At') && key !== 'dueAt' && key !== 'occurredAt',
    );
    return `${event.type}@${String(at?.[1]).slice(0, 10)}`;
  });

function rejectionOf(source: SourceRow): { code: string; reason: string } {
  try {
    planCfpbRecord(source);
  } catch (error) {
    if (error instanceof RowRejectedError) return { code: error.code, reason: error.reason };
    throw error;
  }
  throw new Error('the record was not rejected');
}

describe('the cfpb profile maps a record onto a complaint history', () => {
  test('a timely answer with non-monetary relief: received, routed, compensated, resolved and closed the day it was sent', () => {
    const events = eventsOf(row());
    expect(timeline(events)).toEqual([
      'ComplaintReceived@2019-09-19',
      'ComplaintCategorized@2019-09-19',
      'ComplaintAcknowledged@2019-09-20',
      'ComplaintAssigned@2019-09-20',
      'CompensationOffered@2019-09-20',
      'ComplaintResolved@2019-09-20',
      'ComplaintClosed@2019-09-20',
    ]);
    const [received, categorized, , assigned, offered, resolved, closed] = events.map((e) => e.data) as Record<
      string,
      unknown
    >[];
    expect(received).toMatchObject({
      channel: 'web_form',
      productRef: 'Credit reporting, credit repair services, or other personal consumer reports',
      subject: 'Incorrect information on your report — Information belongs to someone else',
      customer: { id: 'cfpb-consumer-3379500', name: 'CFPB consumer' },
      receivedAt: '2019-09-19T12:00:00.000Z',
      by: 'system:import',
    });
    expect(categorized).toMatchObject({
      category: 'product_quality',
      subcategory: 'manufacturing_defect',
      priority: 'P4',
    });
    expect(assigned).toMatchObject({ team: 'quality', ownerId: 'experian-information-solutions-inc' });
    expect(offered).toMatchObject({ kind: 'extra_service', amount: 0, currency: 'USD', requiresApproval: false });
    expect(resolved).toMatchObject({ summary: 'Closed with non-monetary relief', planSteps: [] });
    expect(closed).toMatchObject({ closureCode: 'resolved', closedAt: '2019-09-20T12:00:00.000Z' });
    expect(fold(events).status).toBe('closed');
  });

  test('monetary relief is a refund offer; an explanation offers nothing; the public response becomes the plan', () => {
    const refund = eventsOf(row({ companyResponse: 'Closed with monetary relief' }));
    expect(refund.find((e) => e.type === 'CompensationOffered')?.data).toMatchObject({ kind: 'refund', amount: 0 });
    const explained = eventsOf(
      row({ companyResponse: 'Closed with explanation', publicResponse: 'Company disputes the facts' }),
    );
    expect(explained.some((e) => e.type === 'CompensationOffered')).toBe(false);
    expect(explained.find((e) => e.type === 'ComplaintResolved')?.data).toMatchObject({
      summary: 'Closed with explanation',
      planSteps: ['Company disputes the facts'],
    });
  });

  test('"Timely response? No": the resolve target is breached at its due time and the answer comes at the CFPB deadline', () => {
    const events = eventsOf(row({ timely: 'No', companyResponse: 'Closed with explanation' }));
    expect(timeline(events)).toEqual([
      'ComplaintReceived@2019-09-19',
      'ComplaintCategorized@2019-09-19',
      'ComplaintAcknowledged@2019-09-20',
      'ComplaintAssigned@2019-09-20',
      'SlaBreached@2019-10-04',
      'ComplaintEscalated@2019-10-04',
      'ComplaintResolved@2019-10-05',
      'ComplaintClosed@2019-10-05',
    ]);
    expect(events.find((e) => e.type === 'SlaBreached')?.data).toMatchObject({
      target: 'resolve',
      dueAt: '2019-10-04T12:00:00.000Z',
      breachedAt: '2019-10-04T12:00:00.000Z',
    });
    expect(events.find((e) => e.type === 'ComplaintEscalated')?.data).toMatchObject({
      tier: 1,
      reason: 'sla-breach:resolve',
    });
  });

  test('a complaint sent on after its due time is breached before it is acknowledged', () => {
    const events = eventsOf(row({ timely: 'No', sent: '2019-11-01', companyResponse: 'Closed with explanation' }));
    expect(timeline(events).slice(2, 5)).toEqual([
      'SlaBreached@2019-10-04',
      'ComplaintEscalated@2019-10-04',
      'ComplaintAcknowledged@2019-11-01',
    ]);
  });

  test('a disputed answer is recorded as the customer disputing it, and the complaint is reopened, not closed', () => {
    const events = eventsOf(row({ disputed: 'Yes' }));
    expect(events.slice(-3).map((e) => e.type)).toEqual([
      'ComplaintResolved',
      'CustomerDisputedResolution',
      'ComplaintReopened',
    ]);
    expect(events.at(-1)?.data).toMatchObject({ reopenedFrom: 'disputed', handling: 2 });
    expect(fold(events).status).toBe('investigating');
  });

  test('"In progress" stays open with its owner; "Untimely response" is closed without a resolution', () => {
    const open = eventsOf(row({ companyResponse: 'In progress' }));
    expect(open.at(-1)?.type).toBe('ComplaintAssigned');
    expect(fold(open).status).toBe('acknowledged');
    const untimely = eventsOf(row({ companyResponse: 'Untimely response', timely: 'No' }));
    expect(untimely.some((e) => e.type === 'ComplaintResolved')).toBe(false);
    expect(untimely.at(-1)?.data).toMatchObject({ closureCode: 'no_response', closedAt: '2019-10-05T12:00:00.000Z' });
  });

  test.each([
    ['Web', 'web_form'],
    ['Referral', 'regulator_referral'],
    ['Phone', 'phone'],
    ['Postal mail', 'postal_mail'],
    ['Fax', 'fax'],
    ['Email', 'email'],
  ])('"Submitted via" %s is the channel %s', (submittedVia, channel) => {
    expect(eventsOf(row({ submittedVia }))[0]!.data).toMatchObject({ channel });
  });

  test('an issue outside the table falls back to service / poor_resolution and says so in a note', () => {
    const plan = planCfpbRecord(row({ issue: 'Other features, terms, or problems' }));
    expect(plan.steps[1]!.command.data).toMatchObject({ category: 'service', subcategory: 'poor_resolution' });
    expect(plan.notes).toEqual([
      'issue "Other features, terms, or problems" is not in the cfpb table: service/poor_resolution',
    ]);
    expect(planCfpbRecord(row()).notes).toEqual([]);
  });

  test('the narrative is the description; without one, the description says what the record does', () => {
    expect(eventsOf(row({ narrative: 'They reported a debt that is not mine.' }))[0]!.data).toMatchObject({
      description: 'They reported a debt that is not mine.',
    });
    expect(eventsOf(row())[0]!.data).toMatchObject({
      description:
        'Credit reporting, credit repair services, or other personal consumer reports (Credit reporting): ' +
        'Incorrect information on your report — Information belongs to someone else. No narrative was published.',
    });
    const long = eventsOf(row({ narrative: 'x'.repeat(20_000) }))[0]!.data as { description: string };
    expect(long.description).toHaveLength(10_000);
  });

  test('the owner is the company, as an id queues and actors accept', () => {
    expect(ownerIdOf('TRANSUNION INTERMEDIATE HOLDINGS, INC.')).toBe('transunion-intermediate-holdings-inc');
    expect(ownerIdOf('Société Générale')).toBe('societe-generale');
    expect(ownerIdOf('  ***  ')).toBe('unnamed-company');
    expect(ownerIdOf('x'.repeat(127) + ' y')).toBe('x'.repeat(127));
  });

  test('US-style dates (MM/DD/YYYY) read like ISO ones', () => {
    expect(eventsOf(row({ received: '09/19/2019', sent: '09/20/2019' }))).toEqual(eventsOf(row()));
  });

  test('the same record always becomes the same complaint; metadata names the import and the record', () => {
    const first = replayHistory('cfpb', planCfpbRecord(row()), { correlationId: 'job-1' });
    const again = replayHistory('cfpb', planCfpbRecord(row()));
    expect(again.complaintId).toBe(first.complaintId);
    expect(replayHistory('other', planCfpbRecord(row())).complaintId).not.toBe(first.complaintId);
    expect(first.events[0]!.metadata).toMatchObject({
      actor: { id: 'system:import', role: 'system' },
      correlationId: 'job-1',
      command: 'ReceiveComplaint',
      import: { profile: 'cfpb', sourceId: '3379500' },
    });
  });
});

describe('the cfpb profile rejects what it cannot map, with a code and a reason', () => {
  test.each([
    [{ received: '2019-02-30' }, 'INVALID_DATE', '"Date received" is not a date: "2019-02-30"'],
    [{ sent: '' }, 'INVALID_DATE', '"Date sent to company" is not a date: ""'],
    [{ sent: '2019-09-18' }, 'DATES_OUT_OF_ORDER', '"Date sent to company" is before "Date received"'],
    [{ product: 'Spaceship loan' }, 'UNKNOWN_PRODUCT', 'unknown product "Spaceship loan"'],
    [{ submittedVia: 'Carrier pigeon' }, 'UNKNOWN_CHANNEL', 'unknown "Submitted via" value "Carrier pigeon"'],
    [{ companyResponse: 'Lost' }, 'UNKNOWN_RESPONSE', 'unknown "Company response to consumer" value "Lost"'],
    [{ timely: 'Maybe' }, 'INVALID_VALUE', 'unknown "Timely response?" value "Maybe"'],
    [{ complaintId: '33x' }, 'INVALID_VALUE', '"Complaint ID" is not a complaint number: "33x"'],
    [{ issue: ' ' }, 'MISSING_VALUE', '"Issue" is empty'],
    [{ company: '' }, 'MISSING_VALUE', '"Company" is empty'],
  ])('%j → %s', (changes, code, reason) => {
    expect(rejectionOf(row(changes))).toEqual({ code, reason });
  });
});
