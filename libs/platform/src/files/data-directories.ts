import { chmod, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * DATA_DIR/<name> for secrets (signing secret, master key): only the owner may enter it. DATA_DIR
 * itself is created first, as the umask makes any directory, because it holds more than secrets: the
 * embedded PostgreSQL's cluster, which its own system user must be able to reach when we run as root.
 * (`mkdir -p` with a mode would give that mode to every directory it creates, DATA_DIR included.)
 */
export async function privateDirectory(dataDir: string, name: string): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const directory = join(dataDir, name);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  return directory;
}

/**
 * Lets other users pass through `directory` (execute, not read): the embedded PostgreSQL, run by
 * root as a system user of its own, must reach its cluster below DATA_DIR, which an earlier version
 * of this product created owner-only. The secrets below stay in their owner-only directories.
 */
export async function traversableByOthers(directory: string): Promise<void> {
  const mode = (await stat(directory)).mode & 0o777;
  if ((mode & 0o001) === 0) await chmod(directory, mode | 0o011);
}
