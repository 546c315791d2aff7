import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { QueueClaimService } from './queue-claim.service.js';
import { QueuesController } from './queues.controller.js';

/** The agent and team queues, and claiming from them (through the complaints' command bus). */
@Module({ imports: [CqrsModule], controllers: [QueuesController], providers: [QueueClaimService] })
export class QueuesModule {}
