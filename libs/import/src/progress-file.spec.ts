import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ProgressIdentity, ProgressTracker, readProgress } from './progress-file.js';

const identity: ProgressIdentity = {
  file: 'a.csv',
  size: 10,
  modifiedMs: 1,
  profile: 'cfpb',
  target: 'db-1',
  shard: null,
};
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-progress-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the import progress tracker', () => {
  test('counts as done every line before the oldest record still in flight', () => {
    const tracker = new ProgressTracker(join(dir, 'unused.json'), identity);
    tracker.read(2, 2, true);
    tracker.read(3, 5, true); // a record over three lines
    tracker.read(6, 6, false); // rejected: done at once
    expect(tracker.doneThroughLine()).toBe(1);
    tracker.done(3);
    expect(tracker.doneThroughLine()).toBe(1);
    tracker.done(2);
    expect(tracker.doneThroughLine()).toBe(6);
  });

  test('saves what is done, and a saved state is read back only for the same file, profile, target and shard', async () => {
    const path = join(dir, 'progress.json');
    const tracker = new ProgressTracker(path, identity);
    tracker.read(2, 4, false);
    await tracker.saveNow();
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ ...identity, doneThroughLine: 4 });
    expect(await readProgress(path, identity)).toBe(4);
    expect(await readProgress(path, { ...identity, target: 'db-2' })).toBe(0);
    expect(await readProgress(path, { ...identity, shard: '0/2' })).toBe(0);
    expect(await readProgress(path, { ...identity, size: 11 })).toBe(0);
    expect(await readProgress(join(dir, 'missing.json'), identity)).toBe(0);
    await tracker.finish();
    expect(await readProgress(path, identity)).toBe(0);
  });
});
