import { signJwt, type SigningKey } from './jwt.js';
import type { CallerRole } from './roles.js';

export interface TokenRequest {
  sub: string;
  roles: readonly CallerRole[];
  teams?: readonly string[];
  /** Lifetime in seconds. */
  ttlSeconds: number;
}

export interface TokenAudience {
  issuer: string;
  audience: string;
}

const DURATION = /^(\d{1,6})([smhd])$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;
/** Longer-lived tokens cannot be revoked in time; a year is already generous. */
export const MAX_TTL_SECONDS = 366 * 86_400;

/** `90s`, `30m`, `8h`, `7d` → seconds; undefined when it is not such a duration or out of range. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  return seconds > 0 && seconds <= MAX_TTL_SECONDS ? seconds : undefined;
}

/** A signed token for the API: `sub`, `roles`, `teams` (when given), `iss`, `aud`, `iat`, `nbf`, `exp`. */
export function mintToken(
  request: TokenRequest,
  key: SigningKey,
  audience: TokenAudience,
  now: Date = new Date(),
): string {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return signJwt(
    {
      sub: request.sub,
      roles: [...request.roles],
      ...(request.teams && request.teams.length > 0 ? { teams: [...request.teams] } : {}),
      iss: audience.issuer,
      aud: audience.audience,
      iat: issuedAt,
      nbf: issuedAt,
      exp: issuedAt + request.ttlSeconds,
    },
    key,
  );
}
