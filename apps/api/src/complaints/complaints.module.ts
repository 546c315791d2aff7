import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ExecuteComplaintCommandHandler } from './commands/execute-complaint-command.handler.js';
import { COMMAND_RETRIES } from './complaints.tokens.js';
import { ComplaintHistoryController, GetComplaintHistoryHandler } from './history/complaint-history.js';
import { CommandRunner } from './http/command-runner.js';
import { CompensationController } from './http/compensation.controller.js';
import { HandlingController } from './http/handling.controller.js';
import { IntakeController } from './http/intake.controller.js';
import { OutcomeController } from './http/outcome.controller.js';

/** The complaint write side over HTTP, plus the auditors' raw history. */
@Module({})
export class ComplaintsModule {
  static forRoot(options: { commandRetries: number }): DynamicModule {
    return {
      module: ComplaintsModule,
      imports: [CqrsModule],
      controllers: [
        IntakeController,
        HandlingController,
        CompensationController,
        OutcomeController,
        ComplaintHistoryController,
      ],
      providers: [
        CommandRunner,
        ExecuteComplaintCommandHandler,
        GetComplaintHistoryHandler,
        { provide: COMMAND_RETRIES, useValue: options.commandRetries },
      ],
    };
  }
}
