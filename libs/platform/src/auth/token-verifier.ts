import { decodeJwt, signatureMatches, TokenError } from './jwt.js';
import { keyFor, type VerificationKeys } from './keys.js';
import { type CallerRole, type Identity, isCallerRole } from './roles.js';

export interface TokenRules {
  keys: VerificationKeys;
  /** `iss` must equal this. */
  issuer: string;
  /** `aud` must be, or contain, this. */
  audience: string;
  /** Leeway for `exp` and `nbf` against clocks that drift apart. */
  clockToleranceSeconds: number;
}

/** An actor id: what event metadata, idempotency records and queues accept. */
export const ACTOR_ID = /^[\w.@:-]{1,128}$/;
/** Team slugs, as complaints are assigned to them. */
export const TEAM_SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * Checks a bearer token and says who it names: the header's algorithm against the configured one,
 * the signature, then `iss`, `aud`, `exp` (required), `nbf`, `sub` and the `roles`/`teams` claims.
 * Token validity is measured on the wall clock, not on the API's business clock.
 */
export class TokenVerifier {
  constructor(
    private readonly rules: TokenRules,
    private readonly nowSeconds: () => number = () => Date.now() / 1000,
  ) {}

  verify(token: string): Identity {
    const jwt = decodeJwt(token);
    const { alg, kid, crit } = jwt.header;
    if (alg !== this.rules.keys.alg) throw invalid(`Tokens must be signed with ${this.rules.keys.alg}`);
    if (crit !== undefined) throw invalid('The token names critical header extensions this API does not know');
    const key = keyFor(this.rules.keys, kid);
    if (!key || !signatureMatches(this.rules.keys.alg, jwt.signingInput, jwt.signature, key)) {
      throw invalid('The token signature does not verify');
    }
    this.checkValidity(jwt.payload);
    return identityOf(jwt.payload);
  }

  private checkValidity(claims: Record<string, unknown>): void {
    const { iss, aud, exp, nbf } = claims;
    if (iss !== this.rules.issuer) throw invalid('The token was not issued by the configured issuer');
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (!audiences.includes(this.rules.audience)) throw invalid('The token is not meant for this API (aud)');
    if (typeof exp !== 'number' || !Number.isFinite(exp)) throw invalid('The token has no expiry (exp)');
    if (nbf !== undefined && (typeof nbf !== 'number' || !Number.isFinite(nbf))) throw invalid('nbf is not a number');
    const now = this.nowSeconds();
    const tolerance = this.rules.clockToleranceSeconds;
    if (now >= exp + tolerance) throw new TokenError('TOKEN_EXPIRED', 'The token has expired');
    if (nbf !== undefined && now < nbf - tolerance)
      throw new TokenError('TOKEN_NOT_YET_VALID', 'The token is not valid yet');
  }
}

function identityOf(claims: Record<string, unknown>): Identity {
  const { sub, roles, teams } = claims;
  if (typeof sub !== 'string' || !ACTOR_ID.test(sub)) {
    throw invalid('sub must be 1 to 128 of letters, digits and . @ : _ -');
  }
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) {
    throw invalid('roles must be an array of role names');
  }
  if (
    teams !== undefined &&
    (!Array.isArray(teams) || !teams.every((team) => typeof team === 'string' && TEAM_SLUG.test(team)))
  ) {
    throw invalid('teams must be an array of team slugs');
  }
  // Roles of other applications may share the token: they grant nothing here.
  const known = roles.filter(isCallerRole) as CallerRole[];
  return { id: sub, roles: [...new Set(known)], teams: [...new Set((teams ?? []) as string[])] };
}

function invalid(message: string): TokenError {
  return new TokenError('TOKEN_INVALID', message);
}
