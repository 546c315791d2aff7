import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import type { EventStore } from '#event-store';
import { PG_POOL } from '#platform/database/database.module';
import { ApiError } from '#platform/errors/api-error';
import { EVENT_STORE } from '#platform/event-store/event-store.module';

/** Liveness (the process answers) and readiness (its dependencies answer too). */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(200)
  async ready() {
    const checks = {
      database: await settle(() => this.pool.query('SELECT 1')),
      eventStore: await settle(() => this.store.headPosition()),
    };
    const ok = Object.values(checks).every((state) => state === 'up');
    if (!ok) throw new ApiError(503, 'NOT_READY', 'A dependency is not answering', checks);
    return { status: 'ok', checks };
  }
}

async function settle(probe: () => Promise<unknown>): Promise<'up' | 'down'> {
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
    return 'up';
  } catch {
    return 'down';
  }
}
