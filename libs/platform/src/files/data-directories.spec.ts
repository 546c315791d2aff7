import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateDirectory, traversableByOthers } from './data-directories.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'private-directory-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

test('only the owner may enter the secrets directory, while others may still pass through DATA_DIR', async () => {
  const dataDir = join(root, 'fresh', '.data');
  const secrets = await privateDirectory(dataDir, 'auth');
  expect(secrets).toBe(join(dataDir, 'auth'));
  expect(await modeOf(secrets)).toBe(0o700);
  // The embedded PostgreSQL runs as its own user below DATA_DIR: it must be able to traverse it.
  expect((await modeOf(dataDir)) & 0o001).toBe(0o001);
});

test('an existing DATA_DIR and secrets directory are used as they are', async () => {
  const dataDir = join(root, 'again');
  await privateDirectory(dataDir, 'personal-data');
  expect(await privateDirectory(dataDir, 'personal-data')).toBe(join(dataDir, 'personal-data'));
  expect(await modeOf(join(dataDir, 'personal-data'))).toBe(0o700);
});

test('an owner-only DATA_DIR is opened for passing through, not for listing; an open one is left as it is', async () => {
  const closed = join(root, 'closed');
  await mkdir(closed, { mode: 0o700 });
  await chmod(closed, 0o700);
  await traversableByOthers(closed);
  expect(await modeOf(closed)).toBe(0o711);
  const open = join(root, 'open');
  await mkdir(open);
  await chmod(open, 0o755);
  await traversableByOthers(open);
  expect(await modeOf(open)).toBe(0o755);
});
