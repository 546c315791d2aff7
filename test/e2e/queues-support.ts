import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ProjectorModule } from '../../apps/projector/src/projector.module.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';
import { eventually } from '../read-models/support/read-model-database.js';
import { type Answer, httpClient, startTestApi, type TestApi } from '../support/api.js';

export type Http = ReturnType<typeof httpClient>;

export interface QueuesEnvironment {
  api: TestApi;
  close(): Promise<void>;
}

/** The real API and the real projector (in-process) on one fresh database. */
export async function startQueuesEnvironment(): Promise<QueuesEnvironment> {
  const api = await startTestApi();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: api.database.url });
  const projector: INestApplicationContext = await NestFactory.createApplicationContext(
    ProjectorModule.forRoot({ config, databaseUrl: api.database.url }),
    { logger: false },
  );
  await projector.init();
  return {
    api,
    close: async () => {
      await projector.close();
      await api.close();
    },
  };
}

/** The complaint ids of a queue page. */
export const idsOf = (answer: Answer): string[] =>
  answer.body.items.map((item: { complaintId: string }) => item.complaintId);

/** Waits (bounded) until `path`'s first page satisfies `check` and returns that answer. */
export async function queueUntil(
  http: Http,
  path: string,
  check: (ids: string[], answer: Answer) => boolean,
  what: string,
): Promise<Answer> {
  let last: Answer | undefined;
  await eventually(
    async () => {
      last = await http.get(path);
      return last.status === 200 && check(idsOf(last), last);
    },
    what,
    10_000,
  );
  return last!;
}
