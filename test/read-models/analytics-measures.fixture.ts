import { ComplaintScript } from './analytics-fixtures.js';

/**
 * A small varied set whose statistics are computed by hand in the tests (times in UTC). Q1 2026
 * holds A–G; H is received the first instant of Q2, I in December 2025 (the previous period).
 *
 * | id | received   | channel  | product | category (now)  | team             | root cause | outcome                                  |
 * |----|------------|----------|---------|-----------------|------------------|------------|------------------------------------------|
 * | A  | 01-05      | phone    | KT-200  | product_quality | quality          | machine    | recategorized; resolved 24 h, disputed 2, reopened, resolved 48 h, confirmed 4; refund 2500→2000 EUR paid, voucher 5000 CNY 3000 paid |
 * | B  | 01-12      | email    | KT-200  | product_quality | quality          | material   | resolved 6 h (first contact), confirmed 5; refund 1000 EUR paid, refund 800→600 CNY |
 * | C  | 02-03      | web_form | TV-9    | service         | customer-service | man        | contacted, resolved 24 h, confirmed 3; goodwill 300 EUR declined |
 * | D  | 02-10      | phone    | TV-9    | delivery        | logistics        | method     | waited on customer, resolved 48 h, disputed 1, closed |
 * | E  | 03-01      | app      | –       | service         | customer-service | –          | closed withdrawn, reopened, open         |
 * | F  | 03-20      | email    | KT-200  | –               | –                | –          | open, never categorized                  |
 * | G  | 03-31 23:59:59 | email | KT-200 | product_quality | –               | machine    | resolved 6 h (first contact)             |
 * | H  | 04-01 00:00 | email   | KT-200  | product_quality | quality          | machine    | refund 999 EUR (outside Q1)              |
 * | I  | 2025-12-15 | email    | KT-200  | product_quality | quality          | machine    | (previous period)                        |
 */
export const IDS = {
  A: 'a0000000-0000-4000-8000-000000000001',
  B: 'b0000000-0000-4000-8000-000000000002',
  C: 'c0000000-0000-4000-8000-000000000003',
  D: 'd0000000-0000-4000-8000-000000000004',
  E: 'e0000000-0000-4000-8000-000000000005',
  F: 'f0000000-0000-4000-8000-000000000006',
  G: '00000000-0000-4000-8000-000000000007',
  H: '00000000-0000-4000-8000-000000000008',
  I: '00000000-0000-4000-8000-000000000009',
};

const t = (value: string) => `${value}.000Z`;

export function measuredComplaints(): ComplaintScript[] {
  return [complaintA(), complaintB(), complaintC(), complaintD(), ...lateComplaints()];
}

function complaintA(): ComplaintScript {
  return new ComplaintScript(IDS.A, t('2026-01-05T10:00:00'), { channel: 'phone', productRef: 'KT-200' })
    .categorize('service', 'attitude', t('2026-01-05T11:00:00'))
    .categorize('product_quality', 'manufacturing_defect', t('2026-01-06T09:00:00'))
    .assign('quality', t('2026-01-06T09:05:00'))
    .rootCause('machine', t('2026-01-06T09:30:00'))
    .offer('c1', 'refund', 2500, 'EUR', t('2026-01-06T09:40:00'), true)
    .approve('c1', 2000, 'EUR', t('2026-01-06T09:45:00'))
    .pay('c1', 2000, 2000, 'EUR', t('2026-01-06T09:50:00'))
    .offer('c2', 'voucher', 5000, 'CNY', t('2026-01-06T09:55:00'))
    .pay('c2', 3000, 3000, 'CNY', t('2026-01-06T09:56:00'))
    .resolve(t('2026-01-06T10:00:00'))
    .respond('disputed', 2, t('2026-01-06T12:00:00'))
    .reopen(t('2026-01-06T13:00:00'))
    .resolve(t('2026-01-07T10:00:00'))
    .respond('confirmed', 4, t('2026-01-07T12:00:00'));
}

function complaintB(): ComplaintScript {
  return new ComplaintScript(IDS.B, t('2026-01-12T08:00:00'), { channel: 'email', productRef: 'KT-200' })
    .categorize('product_quality', 'packaging', t('2026-01-12T08:30:00'))
    .assign('quality', t('2026-01-12T08:31:00'))
    .rootCause('material', t('2026-01-12T09:00:00'))
    .offer('c3', 'refund', 1000, 'EUR', t('2026-01-12T10:00:00'))
    .pay('c3', 1000, 1000, 'EUR', t('2026-01-12T10:05:00'))
    .offer('c5', 'refund', 800, 'CNY', t('2026-01-12T10:10:00'), true)
    .approve('c5', 600, 'CNY', t('2026-01-12T10:20:00'))
    .resolve(t('2026-01-12T14:00:00'))
    .respond('confirmed', 5, t('2026-01-12T15:00:00'));
}

function complaintC(): ComplaintScript {
  return new ComplaintScript(IDS.C, t('2026-02-03T09:00:00'), { channel: 'web_form', productRef: 'TV-9' })
    .categorize('service', 'slow_response', t('2026-02-03T09:10:00'))
    .assign('customer-service', t('2026-02-03T09:11:00'))
    .contact(t('2026-02-03T10:00:00'))
    .rootCause('man', t('2026-02-03T11:00:00'))
    .offer('c4', 'goodwill', 300, 'EUR', t('2026-02-03T12:00:00'), true)
    .decline('c4', t('2026-02-03T13:00:00'))
    .resolve(t('2026-02-04T09:00:00'))
    .respond('confirmed', 3, t('2026-02-04T10:00:00'));
}

function complaintD(): ComplaintScript {
  return new ComplaintScript(IDS.D, t('2026-02-10T00:00:00'), { channel: 'phone', productRef: 'TV-9' })
    .categorize('delivery', 'logistics_delay', t('2026-02-10T01:00:00'))
    .assign('logistics', t('2026-02-10T01:01:00'))
    .rootCause('method', t('2026-02-10T02:00:00'))
    .awaitCustomer(t('2026-02-10T03:00:00'))
    .resolve(t('2026-02-12T00:00:00'))
    .respond('disputed', 1, t('2026-02-12T01:00:00'))
    .close('final_response', t('2026-02-13T00:00:00'));
}

function lateComplaints(): ComplaintScript[] {
  return [
    new ComplaintScript(IDS.E, t('2026-03-01T12:00:00'), { channel: 'app' })
      .categorize('service', 'attitude', t('2026-03-01T13:00:00'))
      .assign('customer-service', t('2026-03-01T13:01:00'))
      .close('withdrawn', t('2026-03-02T12:00:00'))
      .reopen(t('2026-03-03T12:00:00'), 'closed'),
    new ComplaintScript(IDS.F, t('2026-03-20T00:00:00'), { channel: 'email', productRef: 'KT-200' }),
    new ComplaintScript(IDS.G, t('2026-03-31T23:59:59'), { channel: 'email', productRef: 'KT-200' })
      .categorize('product_quality', 'manufacturing_defect', t('2026-04-01T00:30:00'))
      .rootCause('machine', t('2026-04-01T01:00:00'))
      .resolve(t('2026-04-01T05:59:59')),
    new ComplaintScript(IDS.H, t('2026-04-01T00:00:00'), { channel: 'email', productRef: 'KT-200' })
      .categorize('product_quality', 'manufacturing_defect', t('2026-04-01T01:00:00'))
      .assign('quality', t('2026-04-01T01:01:00'))
      .rootCause('machine', t('2026-04-01T02:00:00'))
      .offer('c6', 'refund', 999, 'EUR', t('2026-04-01T03:00:00')),
    new ComplaintScript(IDS.I, t('2025-12-15T10:00:00'), { channel: 'email', productRef: 'KT-200' })
      .categorize('product_quality', 'manufacturing_defect', t('2025-12-15T11:00:00'))
      .assign('quality', t('2025-12-15T11:01:00'))
      .rootCause('machine', t('2025-12-15T12:00:00')),
  ];
}

/** Q1 2026, [from, to). */
export const Q1 = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
