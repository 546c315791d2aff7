import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditExportController } from './export/audit-export.controller.js';
import { ComplaintStateAtController } from './time-travel/state-at.controller.js';
import { GetComplaintStateAtHandler } from './time-travel/state-at.query.js';
import { VerifyComplaintController, VerifyComplaintHandler } from './verify/verify-complaint.js';

/** The auditors' tools: time travel, hash-chain verification, NDJSON export. */
@Module({
  imports: [CqrsModule],
  controllers: [ComplaintStateAtController, VerifyComplaintController, AuditExportController],
  providers: [GetComplaintStateAtHandler, VerifyComplaintHandler],
})
export class AuditModule {}
