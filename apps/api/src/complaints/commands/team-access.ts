import { type ComplaintState, defaultTeamFor } from '#domain';
import type { Caller } from '#platform/auth/roles';
import { ApiError } from '#platform/errors/api-error';

/**
 * The team answerable for a complaint: the one it was assigned to, else (categorized, not yet
 * assigned) its category's default team, as the queues show it. Null before triage.
 */
export function responsibleTeam(state: ComplaintState): string | null {
  if (state.team !== null) return state.team;
  return state.category === null ? null : defaultTeamFor(state.category);
}

/**
 * An agent acts only on complaints of a team in their token. Before triage (received, maybe
 * acknowledged, not categorized or assigned) a complaint is nobody's yet and any agent may take
 * it in, acknowledge, categorize or assign it: that is the intake desk's work. Supervisors and
 * admins act on any complaint.
 */
export function assertMayActOn(state: ComplaintState, caller: Caller): void {
  if (caller.role !== 'agent') return;
  const team = responsibleTeam(state);
  if (team !== null && !caller.teams.includes(team)) {
    throw new ApiError(403, 'TEAM_NOT_ALLOWED', `This complaint belongs to team ${team}, not to one of yours`);
  }
}
