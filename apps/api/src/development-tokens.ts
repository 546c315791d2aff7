import type { AuthSettings } from '#platform/auth/auth-settings';
import { mintToken } from '#platform/auth/mint-token';

/** How long the tokens printed at a development start stay valid. */
const DEVELOPMENT_TOKEN_TTL_SECONDS = 7 * 86_400;

/**
 * In development (no key configured, a generated secret under DATA_DIR) the API prints ready
 * tokens, a supervisor's and an agent's, as shell lines to paste, and how to mint others. Nothing
 * is printed when keys come from the configuration: those tokens come from the identity provider.
 */
export function developmentTokenNotice(auth: AuthSettings, now: Date = new Date()): string | undefined {
  if (auth.developmentSecretFile === undefined || auth.signingKey === undefined) return undefined;
  const mint = (sub: string, role: 'supervisor' | 'agent', teams?: string[]) =>
    mintToken({ sub, roles: [role], teams, ttlSeconds: DEVELOPMENT_TOKEN_TTL_SECONDS }, auth.signingKey!, auth, now);
  const expires = new Date(now.getTime() + DEVELOPMENT_TOKEN_TTL_SECONDS * 1000).toISOString();
  return [
    `Development tokens (signed with the generated secret in ${auth.developmentSecretFile}; valid until ${expires}):`,
    `  export SUPERVISOR_TOKEN=${mint('sup-1', 'supervisor')}`,
    `  export AGENT_TOKEN=${mint('agent-7', 'agent', ['quality'])}   # agent-7, team quality`,
    'Send them as "Authorization: Bearer $AGENT_TOKEN". Mint others with',
    '  npm run cli -- tokens mint --sub <id> --role <agent|supervisor|auditor|analyst|service|admin> [--team <team>] [--ttl 8h]',
    '',
  ].join('\n');
}
