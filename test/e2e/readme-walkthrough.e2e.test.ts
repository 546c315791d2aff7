import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { startTestApi, type TestApi } from '../support/api.js';

const run = promisify(execFile);
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

/** The README's walk-through, exactly as written, with only the API address changed. */
async function walkthroughScript(): Promise<string> {
  const readme = await readFile('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Walk-through'));
  const block = /```bash\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README has no walk-through block');
  expect(block).toContain('API=http://127.0.0.1:3000');
  return block.replace('API=http://127.0.0.1:3000', `API=${api.url}`);
}

test('the README walk-through takes one complaint from intake to closure without a single error', async () => {
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', await walkthroughScript()], { timeout: 30_000 });
  expect(stdout).not.toMatch(/"statusCode":\s*[45]\d\d/);
  const history = JSON.parse(stdout.slice(stdout.lastIndexOf('{"complaintId"')));
  const types = history.events.map((event: { type: string }) => event.type);
  expect(types[0]).toBe('ComplaintReceived');
  expect(types.at(-1)).toBe('ComplaintClosed');
  expect(types).toEqual(
    expect.arrayContaining(['CompensationApproved', 'CompensationPaid', 'CustomerConfirmedResolution']),
  );
});
