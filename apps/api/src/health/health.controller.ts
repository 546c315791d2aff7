import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import type { EventStore } from '#event-store';
import { PG_POOL } from '#platform/database/database.module';
import { ApiError } from '#platform/errors/api-error';
import { EVENT_STORE } from '#platform/event-store/event-store.module';
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
  @ApiOperation({ summary: 'Liveness: the process answers (no dependency is asked)' })
  @ApiOkResponse({ content: { 'application/json': { example: { status: 'ok' } } } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Readiness: database and event store answer, every projection within the lag limits',
    description:
      'Limits: HEALTH_MAX_PROJECTION_LAG_EVENTS events and HEALTH_MAX_PROJECTION_LAG_SECONDS seconds behind the feed.',
  })
  @ApiOkResponse({ content: { 'application/json': { example: READY_EXAMPLE } } })
  @ApiServiceUnavailableResponse({ description: '`NOT_READY`: details name each check and each projection’s lag' })
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
