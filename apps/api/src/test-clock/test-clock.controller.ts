import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiReadRoute, ApiWriteRoute } from '#platform/http/openapi/route.decorators';
import { CLOCK } from '#platform/time/clock';
import type { ControllableClock } from '#platform/time/controllable-clock';
import { AdvanceClockDto } from './advance-clock.dto.js';
import { Allow } from '#platform/auth/access.decorators';

class ClockDoc {
  @ApiProperty({ type: String, format: 'date-time' }) now!: string;
}

/**
 * Test-only: the API's clock, moved forward by end-to-end tests to bring SLA deadlines without
 * waiting. Mounted only with TEST_CLOCK_CONTROL=true, which the configuration refuses in production;
 * even then only an admin may move it.
 */
@ApiTags('test')
@Allow('admin')
@Controller('test/clock')
export class TestClockController {
  constructor(@Inject(CLOCK) private readonly clock: ControllableClock) {}

  @Get()
  @ApiReadRoute({
    summary: "Test-only (TEST_CLOCK_CONTROL): the API clock's now",
    answer: { description: 'The clock', type: ClockDoc, example: { now: '2026-11-08T15:00:00.000Z' } },
  })
  now(): { now: string } {
    return { now: this.clock.now().toISOString() };
  }

  @Post('advance')
  @HttpCode(200)
  @ApiWriteRoute({
    summary: 'Test-only (TEST_CLOCK_CONTROL): move the API clock forward',
    body: { type: AdvanceClockDto, example: { ms: 3_600_000 } },
    answer: { description: 'The clock, moved', type: ClockDoc, example: { now: '2026-11-08T16:00:00.000Z' } },
  })
  advance(@Body() body: AdvanceClockDto): { now: string } {
    return { now: this.clock.advance(body.ms).toISOString() };
  }
}
