import { Inject, Injectable } from '@nestjs/common';
import type { Histogram, Registry } from 'prom-client';
import { WrongExpectedRevisionError } from '#event-store';
import { ApiError } from '../errors/api-error.js';
import { histogramOn, METRICS_REGISTRY } from './registry.js';

/** Codes that mean "someone else changed the complaint first", not "the request was wrong". */
const CONFLICT_CODES = new Set(['CONCURRENCY_CONFLICT', 'REVISION_MISMATCH', 'IDEMPOTENCY_KEY_IN_PROGRESS']);

/**
 * How a command ended, as a label with few values: `success`; `conflict` (lost a race or a stale
 * If-Match); `rejected_<status>` (the domain or the request refused it: 404, 409, 422…); `error`
 * (anything unexpected, answered 5xx).
 */
export function commandOutcomeOf(error: unknown): string {
  if (error instanceof WrongExpectedRevisionError) return 'conflict';
  if (!(error instanceof ApiError)) return 'error';
  if (CONFLICT_CODES.has(error.code)) return 'conflict';
  return error.status < 500 ? `rejected_${error.status}` : 'error';
}

/** `complaint_command_duration_seconds{command, outcome}`: latency of every write-side command. */
@Injectable()
export class CommandMetrics {
  private readonly duration: Histogram<'command' | 'outcome'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.duration = histogramOn(registry, {
      name: 'complaint_command_duration_seconds',
      help: 'Latency of complaint commands (read, decide, append, retries included) by command and outcome',
      labelNames: ['command', 'outcome'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
  }

  /** Runs `work`, observing its duration under `command` and the outcome it ended with. */
  async measure<T>(command: string, work: () => Promise<T>): Promise<T> {
    const stop = this.duration.startTimer({ command });
    try {
      const result = await work();
      stop({ outcome: 'success' });
      return result;
    } catch (error) {
      stop({ outcome: commandOutcomeOf(error) });
      throw error;
    }
  }
}
