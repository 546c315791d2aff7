import {
  type ComplaintEvent,
  DEFAULT_SLA_POLICIES,
  DEFAULT_SLA_TARGETS,
  latestInstantOf,
  resolvePolicy,
  slaClocks,
  slaHistoryFromEvents,
  type SlaPolicy,
  type SlaTargetClock,
  weekdayCalendar,
} from '../../libs/domain/src/index.js';
import { clockRowsOf, foldSlaComplaint } from '../../libs/read-models/src/sla/clock-rows.js';
import { clockViewAt } from '../../libs/read-models/src/sla/clock-view.js';
import type { SlaComplaintState } from '../../libs/read-models/src/sla/sla-row.js';
import { randomHistory, seededRandom } from './support/histories.js';

const BERLIN = weekdayCalendar('Europe/Berlin', ['2026-01-01', '2026-04-03', '2026-04-06']);
const BUSINESS_POLICIES: SlaPolicy[] = [
  { id: 'berlin-P1', priority: 'P1', targets: DEFAULT_SLA_TARGETS.P1, clock: 'business', calendar: BERLIN },
  { id: 'berlin-P3', priority: 'P3', targets: DEFAULT_SLA_TARGETS.P3, clock: 'business', calendar: BERLIN },
  {
    id: 'wall-P2-no-pause',
    priority: 'P2',
    targets: DEFAULT_SLA_TARGETS.P2,
    clock: 'wall',
    pauseWhileAwaitingCustomer: false,
  },
  { id: 'berlin-any', targets: DEFAULT_SLA_TARGETS.P4, clock: 'business', calendar: BERLIN, warningFraction: 0.5 },
];

function stateOf(events: ComplaintEvent[], complaintId: string): SlaComplaintState | undefined {
  return events.reduce<SlaComplaintState | undefined>(
    (state, event, revision) => foldSlaComplaint(state, event, complaintId, revision),
    undefined,
  );
}

/** What a view must agree with the domain on. */
const comparable = (clock: Omit<SlaTargetClock, 'earlierResolves'>) => ({
  target: clock.target,
  handling: clock.handling,
  policyId: clock.policyId,
  targetMs: clock.targetMs,
  startedAt: clock.startedAt,
  dueAt: clock.dueAt,
  warningAt: clock.warningAt,
  breachAt: clock.breachAt,
  metAt: clock.metAt,
  metLate: clock.metLate,
  stoppedAt: clock.stoppedAt,
  pausedMs: clock.pausedMs,
  elapsedMs: clock.elapsedMs,
  remainingMs: clock.remainingMs,
  state: clock.state,
});

describe.each([
  ['the default wall-clock policies', DEFAULT_SLA_POLICIES],
  ['business-calendar policies (Berlin hours and holidays, one that does not pause)', BUSINESS_POLICIES],
])('a stored row seen at any later instant agrees with the domain’s clocks, under %s', (_name, policies) => {
  it('for 300 random histories, each at several instants after its last event', () => {
    const random = seededRandom(policies === DEFAULT_SLA_POLICIES ? 17 : 23);
    for (let index = 0; index < 300; index += 1) {
      const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
      const events = randomHistory(random, id, 2 + Math.floor(random() * 20), new Date('2026-03-20T07:00:00Z'));
      const state = stateOf(events, id)!;
      const rows = clockRowsOf(state, policies);
      const history = slaHistoryFromEvents(events)!;
      const policy = resolvePolicy(policies, history);
      for (const afterMs of [0, 1, 60_000, 3_600_000 * (1 + random() * 30), 86_400_000 * (1 + random() * 20)]) {
        const now = new Date(latestInstantOf(history) + Math.round(afterMs));
        const clocks = slaClocks(history, policy, now);
        // The domain numbers a repeated reopening's handling again; the rows keep the latest per key.
        const expected = new Map(
          [clocks.acknowledge, clocks.first_response, ...clocks.earlierResolves, clocks.resolve].map((clock) => [
            `${clock.target}/${clock.handling}`,
            comparable(clock),
          ]),
        );
        const actual = new Map(
          rows.map((row) => [`${row.target}/${row.handling}`, comparable(clockViewAt(row, now, policies))]),
        );
        expect({ id, now, clocks: actual }).toEqual({ id, now, clocks: expected });
      }
    }
  });
});
