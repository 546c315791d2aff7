import type { AppConfig } from '../config/app-config.js';
import { ConfigError } from '../config/app-config.js';
import { developmentSecret } from './development-secret.js';
import type { SigningKey } from './jwt.js';
import { hs256Key, KeyError, rs256KeyFromPem, rs256KeysFromJwks } from './keys.js';
import type { TokenRules } from './token-verifier.js';

/** How tokens are checked, and (with an HS256 secret) how this installation can mint them. */
export interface AuthSettings extends TokenRules {
  /** Present with an HS256 secret: `tokens mint` and the development tokens sign with it. */
  signingKey?: SigningKey;
  /** Set when the secret is the generated development one: where it is kept. */
  developmentSecretFile?: string;
}

/**
 * The token rules from the configuration: exactly one key source (AUTH_JWT_SECRET,
 * AUTH_JWT_PUBLIC_KEY_FILE or AUTH_JWKS_FILE). Without one, development (what `npm start` runs)
 * generates a secret under DATA_DIR; test and production refuse to start.
 */
export async function loadAuthSettings(config: AppConfig): Promise<AuthSettings> {
  const common = {
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS,
  };
  try {
    if (config.AUTH_JWT_SECRET !== undefined) return withSecret(config.AUTH_JWT_SECRET, common);
    if (config.AUTH_JWT_PUBLIC_KEY_FILE !== undefined) {
      return { ...common, keys: await rs256KeyFromPem(config.AUTH_JWT_PUBLIC_KEY_FILE) };
    }
    if (config.AUTH_JWKS_FILE !== undefined) return { ...common, keys: await rs256KeysFromJwks(config.AUTH_JWKS_FILE) };
  } catch (error) {
    if (error instanceof KeyError) throw new ConfigError(`Invalid configuration:\n  ${error.message}`);
    throw error;
  }
  if (config.NODE_ENV !== 'development') {
    throw new ConfigError(
      `Invalid configuration:\n  no token key: set AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY_FILE or AUTH_JWKS_FILE ` +
        `(only NODE_ENV=development generates a secret; this is ${config.NODE_ENV})`,
    );
  }
  const generated = await developmentSecret(config.DATA_DIR);
  return { ...withSecret(generated.secret, common), developmentSecretFile: generated.file };
}

function withSecret(secret: string, common: Omit<TokenRules, 'keys'>): AuthSettings {
  const keys = hs256Key(secret);
  return { ...common, keys, signingKey: { alg: 'HS256', secret: keys.secret } };
}
