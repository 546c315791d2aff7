import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: "Test-only (TEST_CLOCK_CONTROL): the API clock's now" })
  @ApiOkResponse({ type: ClockDoc })
  now(): { now: string } {
    return { now: this.clock.now().toISOString() };
  }

  @Post('advance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Test-only (TEST_CLOCK_CONTROL): move the API clock forward' })
  @ApiOkResponse({ type: ClockDoc })
  advance(@Body() body: AdvanceClockDto): { now: string } {
    return { now: this.clock.advance(body.ms).toISOString() };
  }
}
