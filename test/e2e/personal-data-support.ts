/**
 * The crypto-shredding tests' world: the real API and the real projector (in-process) on one fresh
 * database, two customers with complaints taken in over HTTP, and one of them forgotten.
 */
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { ProjectorModule } from '../../apps/projector/src/projector.module.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { eventually } from '../read-models/support/read-model-database.js';
import { type Answer, httpClient, startTestApi, type TestApi } from '../support/api.js';
import { admin, agent, assignment, categorization, intake, supervisor } from '../support/complaint-requests.js';

export const LI = { id: 'cust-li-wei', name: 'Li Wei', email: 'li.wei@example.com', phone: '+86 10 5555 0101' };
export const MARIA = {
  id: 'cust-maria',
  name: 'Maria Silva',
  email: 'maria.silva@example.org',
  phone: '+351 21 555 0199',
};
/** Every clear-text value of both customers: none may be stored anywhere in clear. */
export const CLEAR_TEXT = [LI.name, LI.email, LI.phone, MARIA.name, MARIA.email, MARIA.phone];

export type Client = ReturnType<typeof httpClient>;

export interface PersonalDataWorld {
  api: TestApi;
  projector: INestApplicationContext;
  pool: pg.Pool;
  http: Client;
  /** Li's two complaints (the first handled through several steps), then Maria's. */
  complaints: { li: string[]; maria: string };
  close(): Promise<void>;
}

export async function startWorld(): Promise<PersonalDataWorld> {
  const api = await startTestApi();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: api.database.url,
    WEBHOOK_POLL_INTERVAL_MS: '50',
  });
  const projector = await NestFactory.createApplicationContext(
    ProjectorModule.forRoot({ config, databaseUrl: api.database.url }),
    { logger: false },
  );
  await projector.init();
  const pool = new pg.Pool({ connectionString: api.database.url, max: 4 });
  pool.on('error', () => undefined); // a session the database drop cuts after pool.end() resolved
  const http = httpClient(api.url);
  const complaints = await takeComplaints(http);
  return {
    api,
    projector,
    pool,
    http,
    complaints,
    close: async () => {
      await projector.close();
      await pool.end();
      await api.close();
    },
  };
}

async function takeComplaints(http: Client): Promise<PersonalDataWorld['complaints']> {
  const first = await receive(http, LI, 'li-1');
  await expectOk(http.post(`/complaints/${first}/acknowledge`, { how: 'email' }, agent));
  await expectOk(http.post(`/complaints/${first}/categorize`, categorization, agent));
  await expectOk(http.post(`/complaints/${first}/assign`, assignment, supervisor));
  await expectOk(http.post(`/complaints/${first}/contacts`, contact(), agent));
  const second = await receive(http, LI, 'li-2');
  const maria = await receive(http, MARIA, 'maria-1');
  await expectOk(http.post(`/complaints/${maria}/categorize`, categorization, agent));
  return { li: [first, second], maria };
}

/** Intake with an Idempotency-Key, so the idempotency records are among the tables checked. */
async function receive(http: Client, customer: typeof LI, key: string): Promise<string> {
  const answer = await http.post('/complaints', intake({ customer }), { ...agent, 'idempotency-key': key });
  expect(answer.status).toBe(201);
  return answer.body.complaintId as string;
}

function contact() {
  return { direction: 'outbound', channel: 'phone', summary: 'Asked for photos of the base', mood: 'frustrated' };
}

async function expectOk(pending: Promise<Answer>): Promise<void> {
  const answer = await pending;
  if (answer.status !== 200) throw new Error(`${answer.status}: ${JSON.stringify(answer.body)}`);
}

export function forget(http: Client, customerId: string, headers = admin): Promise<Answer> {
  return http.post(`/customers/${encodeURIComponent(customerId)}/forget`, {}, headers);
}

/** The customer as a complaint's history shows it now. */
export async function customerInHistory(http: Client, complaintId: string): Promise<Record<string, unknown>> {
  const history = await http.get(`/complaints/${complaintId}/history`, supervisor);
  expect(history.status).toBe(200);
  return history.body.events[0].data.customer;
}

/** Until the projector's summaries show all of these complaints. */
export async function projected(http: Client, ids: string[]): Promise<void> {
  await eventually(
    async () => {
      const answers = await Promise.all(ids.map((id) => http.get(`/complaints/${id}`, supervisor)));
      return answers.every((answer) => answer.status === 200);
    },
    'the summaries of every complaint',
    60_000,
  );
}
