import { ONE_OF_EACH_COMMAND } from '../testing/commands.js';
import { COMPLAINT_COMMAND_TYPES } from './commands.js';
import { DOMAIN_ERROR_KINDS, DomainError, DomainErrorCode } from './errors.js';
import { COMPLAINT_EVENT_TYPES, EVENT_SCHEMA_VERSION, isComplaintEventType, streamNameFor } from './event-catalog.js';
import { approvalLimitFor, defaultPolicy, withinReopenWindow } from './policy.js';

describe('the event catalog', () => {
  test('there are 22 event types, all at schema version 1 but ComplaintReceived and ComplaintEscalated (2, see upcasters.ts)', () => {
    expect(COMPLAINT_EVENT_TYPES).toHaveLength(22);
    const { ComplaintReceived, ComplaintEscalated, ...others } = EVENT_SCHEMA_VERSION;
    expect([ComplaintReceived, ComplaintEscalated]).toEqual([2, 2]);
    expect(new Set(Object.values(others))).toEqual(new Set([1]));
  });

  test('event types are recognised by name and unknown names are not', () => {
    expect(isComplaintEventType('ComplaintReceived')).toBe(true);
    expect(isComplaintEventType('toString')).toBe(false);
  });

  test('a complaint lives in the stream complaint-<id>', () => {
    expect(streamNameFor('3f1f2b9e')).toBe('complaint-3f1f2b9e');
  });

  test('the list of command types names every command', () => {
    expect([...COMPLAINT_COMMAND_TYPES].sort()).toEqual(Object.keys(ONE_OF_EACH_COMMAND).sort());
  });
});

describe('domain errors', () => {
  test('every code names itself and has a kind', () => {
    for (const [code, value] of Object.entries(DomainErrorCode)) {
      expect(value).toBe(code);
      expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
      expect(['conflict', 'unprocessable']).toContain(DOMAIN_ERROR_KINDS[value]);
    }
  });

  test('the kind of an error follows from its code', () => {
    const error = new DomainError('PAYMENT_EXCEEDS_APPROVED', 'too much', { approved: 1 });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'PAYMENT_EXCEEDS_APPROVED', kind: 'unprocessable', details: { approved: 1 } });
    expect(new DomainError('COMPLAINT_CLOSED', 'closed').kind).toBe('conflict');
  });
});

describe('the policy', () => {
  const policy = {
    approvalLimits: { quality: { EUR: 100, '*': 10 }, '*': { EUR: 50, USD: 60, '*': 1 } },
    reopenWindowDays: 30,
  };

  test('approval limits are looked up from the most specific entry to the least', () => {
    expect(approvalLimitFor(policy, 'quality', 'EUR')).toBe(100);
    expect(approvalLimitFor(policy, 'quality', 'USD')).toBe(10);
    expect(approvalLimitFor(policy, 'logistics', 'USD')).toBe(60);
    expect(approvalLimitFor(policy, 'logistics', 'GBP')).toBe(1);
    expect(approvalLimitFor(policy, null, 'EUR')).toBe(50);
  });

  test('with no entry at all the limit is zero, so anything above zero needs approval', () => {
    expect(approvalLimitFor({ approvalLimits: {} }, 'quality', 'EUR')).toBe(0);
  });

  test('the default policy has a fallback for every team and currency', () => {
    expect(approvalLimitFor(defaultPolicy, 'any-team', 'XYZ')).toBe(0);
    expect(approvalLimitFor(defaultPolicy, 'any-team', 'EUR')).toBeGreaterThan(0);
  });

  test('the reopen window includes its last moment', () => {
    const closedAt = '2025-01-01T00:00:00.000Z';
    expect(withinReopenWindow(policy, closedAt, new Date('2025-01-31T00:00:00.000Z'))).toBe(true);
    expect(withinReopenWindow(policy, closedAt, new Date('2025-01-31T00:00:00.001Z'))).toBe(false);
  });
});
