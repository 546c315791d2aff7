import { Module } from '@nestjs/common';
import { ComplaintSummariesController } from './complaint-summaries.controller.js';

/** Read-side queries over the complaint summary read model. */
@Module({ controllers: [ComplaintSummariesController] })
export class ComplaintQueriesModule {}
