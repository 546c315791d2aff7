import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { ACCESS_METADATA, AGENT_SCOPE_METADATA, type AgentScope, type RouteAccess } from './access.decorators.js';
import { TokenError } from './jwt.js';
import { actingRole, type Caller } from './roles.js';
import { TokenVerifier } from './token-verifier.js';

/** The `WWW-Authenticate` challenge (RFC 6750) of every 401. */
const REALM = 'complaint-desk';

/**
 * Deny by default: every request needs a valid bearer token and a role the route allows, unless
 * the route is declared public. 401 (with a challenge) when the token is missing or not good;
 * 403 when the caller's roles, team or identity do not fit the route.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.reflector.getAllAndOverride<RouteAccess>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    // RouteAccessTable keeps the API from starting with such a route; refuse anyway.
    if (!access) throw new ApiError(403, 'ROUTE_NOT_DECLARED', 'This route declares no access');
    if (access.public) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const identity = this.authenticate(request);
    const role = actingRole(identity.roles, access.roles);
    if (!role) {
      throw new ApiError(403, 'ROLE_NOT_ALLOWED', `This route is for: ${access.roles.join(', ')}`, {
        allowedRoles: access.roles,
      });
    }
    const caller: Caller = { ...identity, role };
    if (role === 'agent')
      checkAgentScope(caller, request, this.reflector.get(AGENT_SCOPE_METADATA, context.getHandler()));
    request.caller = caller;
    return true;
  }

  private authenticate(request: FastifyRequest) {
    try {
      return this.verifier.verify(bearerTokenOf(request));
    } catch (error) {
      if (error instanceof TokenError) throw unauthenticated(error);
      throw error;
    }
  }
}

function bearerTokenOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header === undefined || header.trim() === '') {
    throw new TokenError('TOKEN_MISSING', 'Send Authorization: Bearer <token>');
  }
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) throw new TokenError('TOKEN_INVALID', 'The Authorization header is not "Bearer <token>"');
  return match[1]!;
}

function checkAgentScope(caller: Caller, request: FastifyRequest, scope: AgentScope | undefined): void {
  const params = request.params as Record<string, string | undefined>;
  if (scope?.teamParam !== undefined && !caller.teams.includes(params[scope.teamParam] ?? '')) {
    throw new ApiError(403, 'TEAM_NOT_ALLOWED', "An agent works only on their own teams' complaints");
  }
  if (scope?.selfParam !== undefined && params[scope.selfParam] !== caller.id) {
    throw new ApiError(403, 'ACTOR_NOT_ALLOWED', 'An agent sees only their own queue');
  }
}

function unauthenticated(error: TokenError): ApiError {
  const challenge =
    error.code === 'TOKEN_MISSING'
      ? `Bearer realm="${REALM}"`
      : `Bearer realm="${REALM}", error="invalid_token", error_description="${error.message.replace(/"/g, "'")}"`;
  return ApiError.unauthorized(error.code, error.message, challenge);
}
