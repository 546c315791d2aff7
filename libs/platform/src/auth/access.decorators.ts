import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { CallerRole } from './roles.js';

/**
 * Who may call a route. Every route declares it, on the handler or its controller (the handler's
 * wins); the API refuses to start while one does not (see RouteAccessTable).
 */
export type RouteAccess = { public: true } | { public: false; roles: readonly CallerRole[] };

/** Narrows what an agent may do on a route to their own team or to themselves. */
export interface AgentScope {
  /** The path parameter naming a team: an agent must hold it in the token's `teams`. */
  teamParam?: string;
  /** The path parameter naming an actor: an agent may only name themself. */
  selfParam?: string;
}

export const ACCESS_METADATA = 'complaint-desk:access';
export const AGENT_SCOPE_METADATA = 'complaint-desk:agent-scope';
export const BEARER_SCHEME = 'bearer';

/** Anyone, without a token: liveness, readiness, metrics and the published contracts. */
export function Public(): ClassDecorator & MethodDecorator {
  return SetMetadata(ACCESS_METADATA, { public: true } satisfies RouteAccess);
}

/**
 * Callers holding one of these roles, with a valid bearer token. The OpenAPI document shows the
 * bearer requirement and the roles; the route's 401 and 403 come with its route documentation
 * (libs/platform/src/http/openapi/route.decorators.ts).
 */
export function Allow(...roles: [CallerRole, ...CallerRole[]]): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, { public: false, roles } satisfies RouteAccess),
    ApiBearerAuth(BEARER_SCHEME),
    ApiExtension('x-allowed-roles', roles),
  );
}

/** See AgentScope. Supervisors and admins are never narrowed. */
export function ScopeAgents(scope: AgentScope): MethodDecorator {
  return SetMetadata(AGENT_SCOPE_METADATA, scope);
}
