import {
  type Category,
  type ComplaintEvent,
  type ComplaintEventType,
  DEFAULT_ROUTING,
  type EventOfType,
  evolveSlaHistory,
  type SlaHistory,
} from '#domain';
import type { QueueState } from './queue-row.js';

/**
 * The queue's evolve: the state after one more event. Status rules mirror the domain's evolve for
 * the statuses the queue looks at; the SLA part is the domain's own evolveSlaHistory. Pure; `at` is
 * the event's recordedAt. Undefined until the complaint's ComplaintReceived has been seen.
 */
export function foldQueue(
  state: QueueState | undefined,
  event: ComplaintEvent,
  revision: number,
  at: string,
): QueueState | undefined {
  if (event.type === 'ComplaintReceived') return { ...received(event), updatedAt: at, lastRevision: revision };
  if (!state) return undefined;
  const slaHistory = evolveSlaHistory(state.slaHistory, event) as SlaHistory;
  const moved = { ...state, slaHistory, updatedAt: at, lastRevision: revision };
  if (!Object.hasOwn(STEPS, event.type)) return moved;
  const step = STEPS[event.type as keyof typeof STEPS] as Step<typeof event.type>;
  return step(moved, event);
}

type Step<T extends ComplaintEventType> = (state: QueueState, event: EventOfType<T>) => QueueState;

const STEPS: { [T in ComplaintEventType]?: Step<T> } = {
  ComplaintAcknowledged: (state) => ({ ...state, status: state.status === 'received' ? 'acknowledged' : state.status }),
  // Until someone is assigned, the category routes the complaint to its default team's queue.
  ComplaintCategorized: (state, { data }) =>
    state.ownerId === null ? { ...state, team: routedTeam(data.category) } : state,
  ComplaintAssigned: (state, { data }) => ({ ...state, team: data.team, ownerId: data.ownerId }),
  ComplaintValidated: (state) => ({
    ...state,
    status: ['received', 'acknowledged', 'rejected'].includes(state.status) ? 'investigating' : state.status,
  }),
  ComplaintRejected: (state) => ({ ...state, status: 'rejected', statusBeforeWaiting: null }),
  ComplaintAwaitingCustomer: (state) => ({
    ...state,
    statusBeforeWaiting: state.status === 'waiting_on_customer' ? state.statusBeforeWaiting : state.status,
    status: 'waiting_on_customer',
  }),
  ComplaintResumed: (state) => ({
    ...state,
    status: state.statusBeforeWaiting ?? state.status,
    statusBeforeWaiting: null,
  }),
  ComplaintEscalated: (state, { data }) => ({ ...state, escalationTier: Math.max(state.escalationTier, data.tier) }),
  ComplaintResolved: (state) => ({ ...state, status: 'resolved', statusBeforeWaiting: null }),
  CustomerDisputedResolution: (state) => ({ ...state, status: 'disputed' }),
  ComplaintReopened: (state) => ({ ...state, status: 'investigating', statusBeforeWaiting: null }),
  ComplaintClosed: (state) => ({ ...state, status: 'closed', statusBeforeWaiting: null }),
};

function routedTeam(category: Category): string | null {
  return Object.hasOwn(DEFAULT_ROUTING, category) ? DEFAULT_ROUTING[category] : null;
}

function received({ data }: EventOfType<'ComplaintReceived'>): Omit<QueueState, 'updatedAt' | 'lastRevision'> {
  return {
    complaintId: data.complaintId,
    status: 'received',
    statusBeforeWaiting: null,
    team: null,
    ownerId: null,
    escalationTier: 0,
    slaHistory: evolveSlaHistory(null, { type: 'ComplaintReceived', data })!,
    receivedAt: data.receivedAt,
  };
}
