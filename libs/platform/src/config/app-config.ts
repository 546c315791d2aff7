import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
/** 'true' and 'false' (any case); anything else is left for @IsBoolean to refuse with the variable's name. */
const toBoolean = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  const text = String(value).toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : value;
};

/**
 * Every setting the services read, from the environment, validated once at start-up so that a
 * typo fails fast with a message naming the variable instead of surfacing later as odd behaviour.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '127.0.0.1';

  /** Unset: an embedded PostgreSQL is started with its data under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR = '.data';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_POSTGRES_PORT = 54329;

  @IsOptional()
  @IsIn(['postgres', 'eventstoredb'])
  EVENT_STORE: 'postgres' | 'eventstoredb' = 'postgres';

  @IsOptional()
  @IsString()
  EVENTSTORE_CONNECTION_STRING?: string;

  /** Deadline of every EventStoreDB call (append, read, subscription confirmation): a silent server fails fast. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(300_000)
  EVENTSTORE_TIMEOUT_MS = 10_000;

  /** Request bodies above this many bytes are refused with 413. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(16 * 1024 * 1024)
  BODY_LIMIT_BYTES = 64 * 1024;

  /** JSON bodies nested deeper than this (arrays and objects) are refused with 400 JSON_TOO_DEEP. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(1000)
  JSON_MAX_DEPTH = 16;

  /** Sustained requests per minute per caller (token, else address) and API instance; 0 turns the limit off. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000_000)
  RATE_LIMIT_PER_MINUTE = 1200;

  /** Requests a caller may send at once before RATE_LIMIT_PER_MINUTE applies (the bucket size). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_BURST = 100;

  /** How many times a command is re-run after losing a race for its stream before answering 409. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(20)
  COMMAND_RETRIES = 5;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_SIZE = 20;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** GET /events sends a `: heartbeat` comment after this many ms without other traffic. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(300_000)
  EVENT_FEED_HEARTBEAT_MS = 15_000;

  /** Webhooks: attempts per event (the first included) before it is dead-lettered. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  WEBHOOK_MAX_ATTEMPTS = 10;

  /** Webhooks: a receiver that has not answered 2xx within this many ms has failed the attempt. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(120_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Webhooks: back-off after the first failure; it doubles per failure up to WEBHOOK_BACKOFF_MAX_MS. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  WEBHOOK_BACKOFF_BASE_MS = 1_000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400_000)
  WEBHOOK_BACKOFF_MAX_MS = 600_000;

  /** GET /health/ready answers 503 while any projection is more than this many events behind the feed. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  HEALTH_MAX_PROJECTION_LAG_EVENTS = 10_000;

  /** GET /health/ready answers 503 while any projection's oldest unapplied event is older than this. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400)
  HEALTH_MAX_PROJECTION_LAG_SECONDS = 60;

  /** The projector's own HTTP listener for GET /metrics and GET /health/live; 0 picks a free port. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PROJECTOR_METRICS_PORT = 9464;

  @IsOptional()
  @IsString()
  PROJECTOR_METRICS_HOST = '127.0.0.1';

  /** On SIGTERM/SIGINT: how long in-flight requests and batches may take before the process exits anyway. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /** The projector runs the SLA monitor (warnings, breaches, escalations); off only for a projector that must not write. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SLA_MONITOR_ENABLED = true;

  /** Wait between two SLA monitor passes: how late at most a warning or breach is recorded. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  SLA_MONITOR_INTERVAL_MS = 10_000;

  /** Due agenda rows the monitor reads per page. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  SLA_MONITOR_BATCH_SIZE = 500;

  /** Complaints the monitor works on at once (each one's facts in order). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  SLA_MONITOR_CONCURRENCY = 8;

  /** Test-only: the API serves /test/clock to move its clock forward. Refused with NODE_ENV=production. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  TEST_CLOCK_CONTROL = false;

  /** Webhooks: how often an idle delivery worker looks for new events. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  WEBHOOK_POLL_INTERVAL_MS = 500;

  /**
   * The master key (32 bytes, hex or base64) that wraps every customer's personal-data key
   * (docs/personal-data.md). Required in production (the services refuse to start without it, see
   * resolveMasterKey); development and test runs generate one under DATA_DIR. Losing it loses every
   * customer's personal data.
   */
  @IsOptional()
  @Matches(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, {
    message: 'PERSONAL_DATA_MASTER_KEY must be 32 bytes in hex (64 digits) or base64',
  })
  PERSONAL_DATA_MASTER_KEY?: string = undefined;

  /** Customer keys each process keeps unwrapped in memory (least recently used go first). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  PERSONAL_DATA_KEY_CACHE_SIZE = 10_000;

  /** Bearer tokens signed with HS256 by this shared secret (at least 32 bytes). One key source only. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters' })
  AUTH_JWT_SECRET?: string;

  /** Bearer tokens signed with RS256: a PEM file holding the identity provider's RSA public key. */
  @IsOptional()
  @IsString()
  AUTH_JWT_PUBLIC_KEY_FILE?: string;

  /** Bearer tokens signed with RS256: a JWKS file of the identity provider's keys, chosen by `kid`. */
  @IsOptional()
  @IsString()
  AUTH_JWKS_FILE?: string;

  /** Every token's `iss` must equal this. */
  @IsOptional()
  @IsString()
  @Matches(/^\S{1,256}$/, { message: 'AUTH_ISSUER must be 1 to 256 characters without spaces' })
  AUTH_ISSUER = 'complaint-desk';

  /** Every token's `aud` must be, or contain, this. */
  @IsOptional()
  @IsString()
  @Matches(/^\S{1,256}$/, { message: 'AUTH_AUDIENCE must be 1 to 256 characters without spaces' })
  AUTH_AUDIENCE = 'complaint-desk-api';

  /** Leeway for a token's `exp` and `nbf` against clock drift between the issuer and the API. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  AUTH_CLOCK_TOLERANCE_SECONDS = 30;
}

/** Settings without a default: absent from a fresh instance's keys, so listed here to be read at all. */
const OPTIONAL_WITHOUT_DEFAULT = [
  'DATABASE_URL',
  'EVENTSTORE_CONNECTION_STRING',
  'AUTH_JWT_SECRET',
  'AUTH_JWT_PUBLIC_KEY_FILE',
  'AUTH_JWKS_FILE',
];
/** One way to check tokens: two configured key sources would leave it unclear which one a token needs. */
const AUTH_KEY_SOURCES = ['AUTH_JWT_SECRET', 'AUTH_JWT_PUBLIC_KEY_FILE', 'AUTH_JWKS_FILE'] as const;

export type AppConfig = Readonly<EnvironmentVariables>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new EnvironmentVariables());
  const present = Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) => (known.includes(key) || OPTIONAL_WITHOUT_DEFAULT.includes(key)) && value !== undefined,
    ),
  );
  const config = plainToInstance(EnvironmentVariables, present);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((error) => `  ${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config.TEST_CLOCK_CONTROL && config.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration:\n  TEST_CLOCK_CONTROL: must not be enabled with NODE_ENV=production');
  }
  if (config.EVENT_STORE === 'eventstoredb' && !config.EVENTSTORE_CONNECTION_STRING) {
    throw new ConfigError(
      'Invalid configuration:\n  EVENTSTORE_CONNECTION_STRING: required when EVENT_STORE=eventstoredb',
    );
  }
  const keySources = AUTH_KEY_SOURCES.filter((name) => config[name] !== undefined);
  if (keySources.length > 1) {
    throw new ConfigError(`Invalid configuration:\n  ${keySources.join(', ')}: set only one token key source`);
  }
  return Object.freeze(config);
}
