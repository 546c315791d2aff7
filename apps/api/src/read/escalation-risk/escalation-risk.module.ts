import { Module } from '@nestjs/common';
import { AtRiskController } from './at-risk.controller.js';

/** GET /sla/at-risk: supervisors' escalation-risk ranking (read model `complaint_risk`). */
@Module({ controllers: [AtRiskController] })
export class EscalationRiskModule {}
