import { loadAuthSettings } from '#platform/auth/auth-settings';
import { mintToken, parseDuration } from '#platform/auth/mint-token';
import { CALLER_ROLES, type CallerRole, isCallerRole } from '#platform/auth/roles';
import { ACTOR_ID, TEAM_SLUG } from '#platform/auth/token-verifier';
import { type CliCommand, UsageError } from '../command.js';

interface MintOptions {
  sub: string;
  roles: CallerRole[];
  teams: string[];
  ttlSeconds: number;
}

const DEFAULT_TTL = '8h';

/**
 * Mints a bearer token signed with the configured HS256 secret (AUTH_JWT_SECRET), or in development
 * with the secret the API generated under DATA_DIR. Prints the token alone on stdout, so that
 * `TOKEN=$(npm run -s cli -- tokens mint …)` works; what it grants goes to stderr.
 */
export const tokensMintCommand: CliCommand = {
  name: 'tokens mint',
  usage: 'tokens mint --sub <id> --role <role> [--role <role>] [--team <team>]... [--ttl <30m|8h|7d>]',
  summary: `mint a bearer token for the API (roles: ${CALLER_ROLES.join(', ')})`,
  async run(args, context) {
    const options = parseOptions(args);
    const auth = await loadAuthSettings(context.config);
    if (!auth.signingKey) {
      context.err.write(
        'The API checks RS256 tokens from an identity provider (AUTH_JWT_PUBLIC_KEY_FILE or AUTH_JWKS_FILE): ' +
          'mint them there; this command signs only with AUTH_JWT_SECRET or the development secret\n',
      );
      return 1;
    }
    const now = new Date();
    context.print(mintToken(options, auth.signingKey, auth, now));
    const expires = new Date(now.getTime() + options.ttlSeconds * 1000).toISOString();
    const teams = options.teams.length > 0 ? `, teams ${options.teams.join(', ')}` : '';
    context.err.write(`token for ${options.sub} (${options.roles.join(', ')}${teams}), valid until ${expires}\n`);
    if (options.roles.includes('agent') && options.teams.length === 0) {
      context.err.write('note: an agent without --team acts only on complaints not yet triaged to a team\n');
    }
    return 0;
  },
};

function parseOptions(args: string[]): MintOptions {
  const values: Record<'--sub' | '--role' | '--team' | '--ttl', string[]> = {
    '--sub': [],
    '--role': [],
    '--team': [],
    '--ttl': [],
  };
  for (let index = 0; index < args.length; index += 2) {
    const [flag, value] = [args[index]!, args[index + 1]];
    if (!(flag in values)) throw new UsageError(`unknown option ${flag}`);
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    values[flag as keyof typeof values].push(value);
  }
  return {
    sub: subjectOf(values['--sub']),
    roles: rolesOf(values['--role']),
    teams: values['--team'].map(teamOf),
    ttlSeconds: ttlOf(values['--ttl']),
  };
}

function subjectOf(given: string[]): string {
  if (given.length !== 1) throw new UsageError('give exactly one --sub');
  if (!ACTOR_ID.test(given[0]!)) throw new UsageError('--sub must be 1 to 128 of letters, digits and . @ : _ -');
  return given[0]!;
}

function rolesOf(given: string[]): CallerRole[] {
  if (given.length === 0) throw new UsageError('give at least one --role');
  const unknown = given.filter((role) => !isCallerRole(role));
  if (unknown.length > 0) throw new UsageError(`unknown role ${unknown[0]} (known: ${CALLER_ROLES.join(', ')})`);
  return [...new Set(given)] as CallerRole[];
}

function teamOf(team: string): string {
  if (!TEAM_SLUG.test(team)) throw new UsageError(`--team must be a lower-case slug, got ${team}`);
  return team;
}

function ttlOf(given: string[]): number {
  if (given.length > 1) throw new UsageError('give --ttl once');
  const ttl = parseDuration(given[0] ?? DEFAULT_TTL);
  if (ttl === undefined) throw new UsageError('--ttl must be a number with s, m, h or d, at most 366d (e.g. 8h)');
  return ttl;
}
