import { Module } from '@nestjs/common';
import { TestClockController } from './test-clock.controller.js';

/** GET /test/clock and POST /test/clock/advance; ApiModule imports it only with TEST_CLOCK_CONTROL=true. */
@Module({ controllers: [TestClockController] })
export class TestClockModule {}
