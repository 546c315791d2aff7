/** Helpers shared by the audit tests: CLI commands run in-process, events written straight to a store. */
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { CliContext } from '../../apps/cli/src/cli-context.js';
import type { CliCommand } from '../../apps/cli/src/command.js';
import { type EventStore, type NewEvent, START } from '../../libs/event-store/src/index.js';
import { loadConfig } from '../../libs/platform/src/config/app-config.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs one CLI command against `databaseUrl`, as `npm run cli -- <name> <args>` would. */
export async function runCli(command: CliCommand, args: string[], databaseUrl: string): Promise<CliRun> {
  const out = collect();
  const err = collect();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl });
  const context = new CliContext(config, out.stream, err.stream);
  try {
    const code = await command.run(args, context);
    return { code, out: out.text(), err: err.text() };
  } finally {
    await context.close();
  }
}

function collect() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join('') };
}

const metadata = () => ({
  actor: { id: 'agent-7', role: 'agent' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
});

export function receivedEvent(complaintId: string): NewEvent {
  return {
    id: randomUUID(),
    type: 'ComplaintReceived',
    schemaVersion: 2,
    data: {
      complaintId,
      channel: 'email',
      customer: { id: 'cust-1', name: 'Li Wei' },
      subject: 'Kettle',
      description: 'It leaks',
      intensity: 'passive',
      purpose: 'criticism',
      by: 'agent-7',
      receivedAt: '2025-03-10T08:00:00.000Z',
    },
    metadata: metadata(),
  };
}

export function contactEvent(complaintId: string, n: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'CustomerContacted',
    schemaVersion: 1,
    data: {
      complaintId,
      direction: 'outbound',
      channel: 'phone',
      summary: `Call number ${n}: ünïcode ✓ "quoted"`,
      by: 'agent-7',
      contactedAt: '2025-03-10T09:00:00.000Z',
    },
    metadata: metadata(),
  };
}

/**
 * The global feed shows an event only once every older transaction on the server has ended (trap 1),
 * and test files share one server: wait (polling, bounded) until `count` events are visible.
 */
export async function untilFeedShows(store: EventStore, count: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = await store.readAll({ after: START, limit: count });
    if (page.events.length >= count) return;
    if (Date.now() > deadline) throw new Error(`the feed shows ${page.events.length} of ${count} events`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
