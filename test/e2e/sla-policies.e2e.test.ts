/**
 * SLA policies from SLA_POLICIES_FILE: the API refuses to start on an invalid file, and with a valid
 * one the projector stores the clocks and the API measures them on the same business calendar.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { ProjectorModule } from '../../apps/projector/src/projector.module.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { eventually } from '../read-models/support/read-model-database.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { TEST_AUTH_ENV } from '../support/auth.js';
import { agent, intake } from '../support/complaint-requests.js';

const HOUR = 3_600_000;
const berlinDesk = {
  id: 'berlin-desk',
  targets: { acknowledge: 240, first_response: 1440, resolve: 7200 },
  clock: 'business',
  calendar: {
    timeZone: 'Europe/Berlin',
    workingHours: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ start: '09:00', end: '17:00' }]]),
    ),
    holidays: ['2026-04-06'],
  },
};

let directory: string;
let api: TestApi | undefined;
let projector: INestApplicationContext | undefined;
let now = new Date('2026-04-03T14:00:00.000Z'); // Good Friday, 16:00 in Berlin (a working day here)

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'sla-policies-e2e-'));
});
afterAll(async () => {
  await projector?.close();
  await api?.close();
  delete process.env.SLA_POLICIES_FILE;
  rmSync(directory, { recursive: true, force: true });
});

function policiesFile(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

test('the API refuses to start when SLA_POLICIES_FILE holds invalid policies', async () => {
  process.env.SLA_POLICIES_FILE = policiesFile('invalid.json', [{ ...berlinDesk, clock: 'sundial' }]);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...TEST_AUTH_ENV });
  await expect(
    createApiApp({ config, databaseUrl: 'postgres://nobody@127.0.0.1:1/none', clock: { now: () => now } }),
  ).rejects.toThrow(
    /Invalid SLA policies in SLA_POLICIES_FILE=.*invalid\.json:\n {2}berlin-desk: unknown clock 'sundial'/,
  );
});

test('with a business-calendar policy file, the projector and the API measure on its working hours', async () => {
  process.env.SLA_POLICIES_FILE = policiesFile('berlin.json', [berlinDesk]);
  api = await startTestApi({ clock: { now: () => now } });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: api.database.url });
  projector = await NestFactory.createApplicationContext(
    ProjectorModule.forRoot({ config, databaseUrl: api.database.url }),
    { logger: false },
  );
  await projector.init();
  const http = httpClient(api.url, agent);
  const received = await http.post('/complaints', intake({ occurredAt: '2026-04-01T09:00:00.000Z' }));
  expect(received.status).toBe(201);
  const id: string = received.body.complaintId;
  await eventually(async () => (await http.get(`/sla/complaints/${id}`)).status === 200, 'the clocks');
  // Friday 16:00–17:00, then Easter Monday off: the 4 working hours end on Tuesday at 12:00 (10:00 UTC).
  now = new Date('2026-04-06T12:00:00.000Z');
  const { body } = await http.get(`/sla/complaints/${id}`);
  expect(body.clocks[0]).toMatchObject({
    target: 'acknowledge',
    policyId: 'berlin-desk',
    state: 'running',
    dueAt: '2026-04-07T10:00:00.000Z',
    elapsedMs: HOUR,
    remainingMs: 3 * HOUR,
  });
});
