import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { developmentTokenNotice } from '../../apps/api/src/development-tokens.js';
import { loadAuthSettings } from '../../libs/platform/src/auth/auth-settings.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { startTestApi, type TestApi } from '../support/api.js';
import { TEST_AUTH_ENV } from '../support/auth.js';

const run = promisify(execFile);
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

/**
 * The `export …_TOKEN=` lines `npm start` prints in development, as a reader pastes them: the same
 * notice, signed with the secret this API checks instead of a generated one.
 */
async function printedTokenExports(): Promise<string> {
  const auth = await loadAuthSettings(loadConfig({ NODE_ENV: 'test', ...TEST_AUTH_ENV }));
  const notice = developmentTokenNotice({ ...auth, developmentSecretFile: '.data/auth/jwt-hs256.secret' });
  const exports = (notice ?? '').split('\n').filter((line) => line.trim().startsWith('export '));
  expect(exports.map((line) => line.trim().split('=')[0])).toEqual(['export SUPERVISOR_TOKEN', 'export AGENT_TOKEN']);
  return exports.join('\n');
}

/** The README's walk-through, exactly as written, with only the API address changed. */
async function walkthroughScript(): Promise<string> {
  const readme = await readFile('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Walk-through'));
  const block = /```bash\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README has no walk-through block');
  expect(block).toContain('API=http://127.0.0.1:3000');
  return block.replace('API=http://127.0.0.1:3000', `API=${api.url}`);
}

test('the README walk-through, run with the tokens npm start prints, takes one complaint from intake to closure without a single error', async () => {
  const script = `${await printedTokenExports()}\n${await walkthroughScript()}`;
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { timeout: 30_000 });
  expect(stdout).not.toMatch(/"statusCode":\s*[45]\d\d/);
  const history = JSON.parse(stdout.slice(stdout.lastIndexOf('{"complaintId"')));
  const types = history.events.map((event: { type: string }) => event.type);
  expect(types[0]).toBe('ComplaintReceived');
  expect(types.at(-1)).toBe('ComplaintClosed');
  expect(types).toEqual(
    expect.arrayContaining(['CompensationApproved', 'CompensationPaid', 'CustomerConfirmedResolution']),
  );
  const actors = history.events.map((event: { metadata: { actor: unknown } }) => event.metadata.actor);
  expect(actors).toContainEqual({ id: 'agent-7', role: 'agent' });
  expect(actors).toContainEqual({ id: 'sup-1', role: 'supervisor' });
});
