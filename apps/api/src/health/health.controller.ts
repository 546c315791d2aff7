import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import type { EventStore } from '#event-store';
import { PG_POOL } from '#platform/database/database.module';
import { ApiError } from '#platform/errors/api-error';
import { EVENT_STORE } from '#platform/event-store/event-store.module';
import { ApiProbeRoute } from '#platform/http/openapi/route.decorators';
import { HealthErrors } from '../openapi/api-errors.examples.js';
import { withDeadline } from './deadline.js';
import { HEALTH_OPTIONS, type HealthOptions } from './health.options.js';
import { ProjectionLagCheck } from './projection-lag.check.js';
import { Public } from '#platform/auth/access.decorators';

type Probe = 'up' | 'down';

const READY_EXAMPLE = {
  status: 'ok',
  checks: { database: 'up', eventStore: 'up', projections: 'up' },
  projections: [{ name: 'complaint_summary', eventsBehind: 0, secondsBehind: 0, withinLimits: true }],
};

const PROBE = { type: 'string', enum: ['up', 'down'] };
const LIVE_SCHEMA = { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } };
const READY_SCHEMA = {
  type: 'object',
  required: ['status', 'checks', 'projections'],
  properties: {
    status: { type: 'string', enum: ['ok'] },
    checks: {
      type: 'object',
      properties: { database: PROBE, eventStore: PROBE, projections: PROBE },
    },
    projections: {
      type: 'array',
      description: 'Each projection’s lag behind the feed',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          eventsBehind: { type: 'integer' },
          secondsBehind: { type: 'number' },
          withinLimits: { type: 'boolean' },
        },
      },
    },
  },
};

/** Liveness (the process answers) and readiness (its dependencies answer and the read side is fresh). */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
    private readonly projections: ProjectionLagCheck,
  ) {}

  @Get('live')
  @HttpCode(200)
  @ApiProbeRoute({
    summary: 'Liveness: the process answers (no dependency is asked)',
    answer: { description: 'Alive', schema: LIVE_SCHEMA, example: { status: 'ok' } },
  })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiProbeRoute({
    summary: 'Readiness: database and event store answer, every projection within the lag limits',
    description:
      'Limits: HEALTH_MAX_PROJECTION_LAG_EVENTS events and HEALTH_MAX_PROJECTION_LAG_SECONDS seconds behind the feed.',
    answer: { description: 'Ready', schema: READY_SCHEMA, example: READY_EXAMPLE },
    errors: [HealthErrors.NOT_READY],
  })
  async ready() {
    const [database, eventStore, projections] = await Promise.all([
      settle(() => this.pool.query('SELECT 1'), this.options.probeTimeoutMs),
      settle(() => this.store.headPosition(), this.options.probeTimeoutMs),
      this.projections.report(this.options),
    ]);
    const checks = { database, eventStore, projections: projections.status };
    const lag = projections.projections;
    if (Object.values(checks).some((state) => state !== 'up')) {
      throw new ApiError(503, 'NOT_READY', notReadyMessage(checks), { checks, projections: lag });
    }
    return { status: 'ok', checks, projections: lag };
  }
}

function notReadyMessage(checks: Record<string, Probe>): string {
  const failing = Object.entries(checks).filter(([, state]) => state !== 'up');
  return `Not ready: ${failing.map(([name]) => name).join(', ')}`;
}

async function settle(probe: () => Promise<unknown>, timeoutMs: number): Promise<Probe> {
  try {
    await withDeadline(probe(), timeoutMs);
    return 'up';
  } catch {
    return 'down';
  }
}
