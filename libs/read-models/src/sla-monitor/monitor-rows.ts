/**
 * The pure part of the `sla_monitor` projection: a complaint folded with the domain's own `evolve`
 * (the very fold the decider runs), turned into the monitor's agenda rows (the domain's
 * `slaMonitorWork`) and the at-risk view's row. Rows depend on the events only: clocks are measured
 * just after the history's last instant, never at the projector's time.
 */
import {
  type ComplaintState,
  type ComplaintStatus,
  defaultTeamFor,
  latestInstantOf,
  type MonitorPolicy,
  resolvePolicy,
  SLA_TARGETS,
  slaClocks,
  slaMonitorWork,
} from '#domain';

export interface AgendaRow {
  complaintId: string;
  kind: string;
  subject: string;
  handling: number;
  fireAt: string;
  dueAt: string | null;
}

export interface RiskRow {
  complaintId: string;
  open: boolean;
  status: string;
  team: string | null;
  ownerId: string | null;
  priority: string | null;
  escalationTier: number;
  publicIntensity: boolean;
  regulatorChannel: boolean;
  safetyHazard: boolean;
  disputed: boolean;
  /** The last three inbound contacts, oldest first: enough to tell "3 within 7 days of now". */
  inboundContacts: string[];
  /** Whether the customer is owed an update (DOMAIN.md's "waited > 24 h without update"). */
  updateOwed: boolean;
  lastUpdateAt: string;
  slaPaused: boolean;
  /** Earliest warning and breach instants of the targets still open (met or stopped ones excluded). */
  warningAt: string | null;
  breachAt: string | null;
  receivedAt: string;
  lastRevision: number;
}

/** Open as the queues define it: someone still has to act. */
const OPEN: readonly ComplaintStatus[] = [
  'received',
  'acknowledged',
  'investigating',
  'waiting_on_customer',
  'disputed',
];
/** Statuses in which we, not the customer, owe the next word (signals.ts). */
const OWED: readonly ComplaintStatus[] = ['received', 'acknowledged', 'investigating', 'disputed'];

export function agendaRowsOf(state: ComplaintState, policy: MonitorPolicy): AgendaRow[] {
  return slaMonitorWork(state, policy).map((item) => ({
    complaintId: state.complaintId,
    kind: item.kind,
    subject: item.subject,
    handling: item.handling,
    fireAt: item.at,
    dueAt: item.dueAt,
  }));
}

export function riskRowOf(state: ComplaintState, policy: MonitorPolicy, lastRevision: number): RiskRow {
  const status = state.status!;
  return {
    complaintId: state.complaintId,
    open: OPEN.includes(status),
    status,
    // Until someone assigns it, a categorized complaint is its category's default team's (as in the queues).
    team: state.team ?? (state.category === null ? null : defaultTeamFor(state.category)),
    ownerId: state.ownerId,
    priority: state.priority,
    escalationTier: state.escalationTier,
    publicIntensity: state.intensity === 'negative_publicity' || state.intensity === 'radical',
    regulatorChannel: state.channel === 'regulator_referral',
    safetyHazard: state.subcategory === 'safety_hazard',
    disputed: status === 'disputed',
    inboundContacts: chronological(state.inboundContactTimes).slice(-3),
    updateOwed: OWED.includes(status),
    lastUpdateAt: lastUpdateOf(state),
    slaPaused: status === 'waiting_on_customer',
    ...openClockInstants(state, policy),
    receivedAt: state.receivedAt!,
    lastRevision,
  };
}

function lastUpdateOf(state: ComplaintState): string {
  const updates = [state.receivedAt, state.acknowledgedAt, state.lastOutboundAt, state.resolvedAt];
  const latest = Math.max(...updates.filter((time): time is string => time !== null).map(Date.parse));
  return new Date(latest).toISOString();
}

function openClockInstants(
  state: ComplaintState,
  { sla }: MonitorPolicy,
): { warningAt: string | null; breachAt: string | null } {
  const history = state.slaHistory!;
  const clocks = slaClocks(history, resolvePolicy(sla, history), new Date(latestInstantOf(history) + 1));
  const open = SLA_TARGETS.map((target) => clocks[target]).filter((c) => c.metAt === null && c.stoppedAt === null);
  return {
    warningAt: earliest(open.map((clock) => clock.warningAt)),
    breachAt: earliest(open.map((clock) => clock.breachAt)),
  };
}

function earliest(instants: (string | null)[]): string | null {
  return chronological(instants.filter((instant): instant is string => instant !== null))[0] ?? null;
}

/** Instants as UTC ISO strings, oldest first, whatever offset they were written with. */
function chronological(instants: readonly string[]): string[] {
  return instants
    .map(Date.parse)
    .sort((a, b) => a - b)
    .map((ms) => new Date(ms).toISOString());
}
