import { Module } from '@nestjs/common';
import { configuredSlaPolicies } from '#read-models/sla/index';
import { SlaController } from './sla.controller.js';
import { SLA_POLICIES } from './sla.tokens.js';

/**
 * The SLA views. The policies are loaded (and validated) when the module is created, so a bad
 * SLA_POLICIES_FILE stops the API at start-up instead of failing its first SLA query.
 */
@Module({
  controllers: [SlaController],
  providers: [{ provide: SLA_POLICIES, useFactory: configuredSlaPolicies }],
})
export class SlaQueriesModule {}
