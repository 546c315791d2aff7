import { randomBytes } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { privateDirectory } from '../files/data-directories.js';

/** Where `npm start` keeps the signing secret it generated, relative to DATA_DIR. */
export const DEVELOPMENT_SECRET_FILE = join('auth', 'jwt-hs256.secret');

/**
 * The development signing secret: read from DATA_DIR, or generated (32 random bytes) on first
 * use and kept there, readable by the owner only, so tokens minted earlier stay valid across
 * restarts. Two processes starting at once agree: the file is created exclusively, and the loser
 * reads the winner's. A file readable by others is refused, as ssh refuses such a key.
 */
export async function developmentSecret(dataDir: string): Promise<{ secret: string; file: string; created: boolean }> {
  const file = join(dataDir, DEVELOPMENT_SECRET_FILE);
  await privateDirectory(dataDir, 'auth');
  const secret = randomBytes(32).toString('base64url');
  try {
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(file, 0o600); // the umask cannot widen it, but a narrower umask must not either
    return { secret, file, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const mode = (await stat(file)).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(`${file} is readable by others (mode ${mode.toString(8)}): run chmod 600 ${file}`);
  }
  const stored = (await readFile(file, 'utf8')).trim();
  if (stored.length < 32) throw new Error(`${file} does not hold a signing secret: delete it to generate a new one`);
  return { secret: stored, file, created: false };
}
