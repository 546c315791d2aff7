import { createHash, randomBytes } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type AppConfig, ConfigError } from '../config/app-config.js';
import { privateDirectory } from '../files/data-directories.js';

/** Where development and test runs keep the master key they generated, relative to DATA_DIR. */
export const DEVELOPMENT_MASTER_KEY_FILE = join('personal-data', 'master.key');

/** 32 bytes as 64 hex digits, or as base64 / base64url (43 characters, with or without one `=`). */
export const MASTER_KEY_FORMAT = /^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/;

/** The key that wraps every customer's data key: never stored in the database. */
export interface MasterKey {
  secret: Buffer;
  /** A fingerprint (not the key): stored beside each wrapped key, so a wrong master key is noticed at start. */
  id: string;
  /** Set when the key is the generated development one: where it is kept. */
  developmentFile?: string;
}

/**
 * The master key from PERSONAL_DATA_MASTER_KEY; without it, development and test runs generate one
 * under DATA_DIR (kept, so data sealed earlier stays readable across restarts), and production
 * refuses to start (this runs while a service builds its modules, so it never comes up without one).
 */
export async function resolveMasterKey(
  config: Pick<AppConfig, 'NODE_ENV' | 'DATA_DIR' | 'PERSONAL_DATA_MASTER_KEY'>,
): Promise<MasterKey> {
  if (config.PERSONAL_DATA_MASTER_KEY !== undefined) return masterKeyOf(config.PERSONAL_DATA_MASTER_KEY);
  if (config.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration:\n  PERSONAL_DATA_MASTER_KEY: required when NODE_ENV=production');
  }
  const { text, file } = await developmentMasterKey(config.DATA_DIR);
  return { ...masterKeyOf(text), developmentFile: file };
}

export function masterKeyOf(text: string): MasterKey {
  if (!MASTER_KEY_FORMAT.test(text)) {
    throw new ConfigError('Invalid configuration:\n  PERSONAL_DATA_MASTER_KEY: must be 32 bytes in hex or base64');
  }
  const bytes = Buffer.from(text, text.length === 64 ? 'hex' : 'base64');
  const id = createHash('sha256').update('complaint-desk personal-data master key').update(bytes).digest('hex');
  return { secret: bytes, id: id.slice(0, 16) };
}

/** A fresh key in the configuration's format, for operators (`openssl rand -base64 32` does the same). */
export function newMasterKeyText(): string {
  return randomBytes(32).toString('base64');
}

/**
 * Read from DATA_DIR, or generated on first use. Two processes starting at once agree: the file
 * is created exclusively and the loser reads the winner's. A file others can read is refused.
 */
async function developmentMasterKey(dataDir: string): Promise<{ text: string; file: string }> {
  const file = join(dataDir, DEVELOPMENT_MASTER_KEY_FILE);
  await privateDirectory(dataDir, 'personal-data');
  const text = newMasterKeyText();
  try {
    await writeFile(file, `${text}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(file, 0o600);
    return { text, file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const mode = (await stat(file)).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new ConfigError(`${file} is readable by others (mode ${mode.toString(8)}): run chmod 600 ${file}`);
  }
  const stored = await readCompletely(file);
  return { text: stored, file };
}

/** The winner of the race may not have written its line yet: wait for it briefly. */
async function readCompletely(file: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const stored = (await readFile(file, 'utf8')).trim();
    if (MASTER_KEY_FORMAT.test(stored)) return stored;
    if (stored !== '') break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new ConfigError(`${file} does not hold a master key: restore it (or, on a throw-away database, delete it)`);
}
