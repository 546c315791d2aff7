/**
 * GET /sla/at-risk's response shape and the risk score's definition, for the OpenAPI document (the
 * answer is the read model's plain objects: libs/read-models/src/sla-monitor/risk-queries.ts).
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RISK_POINTS, SLA_RISK_STATES } from '#read-models/sla-monitor/index';
import { EXAMPLE_COMPLAINT_ID } from '../../openapi/example-values.js';
import type { AtRiskPage } from './at-risk.controller.js';

const instant = { type: String, format: 'date-time' } as const;
const nullableInstant = { ...instant, nullable: true } as const;
const nullableText = { type: String, nullable: true } as const;
const P = RISK_POINTS;

export const RISK_SCORE_DESCRIPTION = [
  "A team's open complaints (received, acknowledged, investigating, waiting on the customer, disputed), ",
  'ranked by a risk score so a supervisor can act before a breach: the sum of the points of the factors ',
  'present at the API clock’s now.\n\n',
  `Critical points (DOMAIN.md §3): safety hazard ${P.safety_hazard}, regulator referral ${P.regulator_channel}, `,
  `negative publicity or radical intensity ${P.public_intensity}, disputed resolution ${P.disputed_resolution}, `,
  `3 or more inbound contacts within the last 7 days ${P.repeat_contact}, `,
  `a customer owed an update for more than 24 hours ${P.no_update_24h}.\n\n`,
  `SLA (the strongest of the targets still open): breached ${P.sla_breached}, past the warning (80 %) `,
  `${P.sla_warning}, a breach due within 4 hours ${P.sla_due_within_4h}.\n\n`,
  `Priority: P1 ${P.priority_p1}, P2 or not yet prioritized ${P.priority_p2}, P3 ${P.priority_p3}, P4 0.\n\n`,
  'Highest score first, then the nearest breach instant. From the complaint_risk read model: it trails ',
  "the write side by the projector's lag.",
].join('');

export class RiskFactorDoc {
  @ApiProperty({ enum: Object.keys(RISK_POINTS) }) factor!: string;
  @ApiProperty() points!: number;
}

export class SlaRiskDoc {
  @ApiProperty({ enum: SLA_RISK_STATES, description: 'none: every target met or stopped' }) state!: string;
  @ApiPropertyOptional({ ...nullableInstant, description: 'Earliest warning instant of the open targets' })
  nextWarningAt!: string | null;
  @ApiPropertyOptional({ ...nullableInstant, description: 'Earliest breach instant of the open targets' })
  nextBreachAt!: string | null;
}

export class AtRiskComplaintDoc {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty() status!: string;
  @ApiProperty() team!: string;
  @ApiPropertyOptional(nullableText) ownerId!: string | null;
  @ApiPropertyOptional(nullableText) priority!: string | null;
  @ApiProperty({ description: '0 when never escalated' }) escalationTier!: number;
  @ApiProperty({ description: 'The sum of the factors’ points' }) score!: number;
  @ApiProperty({ type: [RiskFactorDoc], description: 'The factors present, strongest first' })
  factors!: RiskFactorDoc[];
  @ApiProperty({ type: SlaRiskDoc }) sla!: SlaRiskDoc;
}

export class AtRiskPageDoc {
  @ApiProperty() team!: string;
  @ApiProperty({ ...instant, description: 'The instant the factors are measured at' }) asOf!: string;
  @ApiProperty({ type: [AtRiskComplaintDoc] }) items!: AtRiskComplaintDoc[];
}

export const AT_RISK_EXAMPLE: AtRiskPage = {
  team: 'quality',
  asOf: '2026-11-08T15:00:00.000Z',
  items: [
    {
      complaintId: EXAMPLE_COMPLAINT_ID,
      status: 'investigating',
      team: 'quality',
      ownerId: 'agent-7',
      priority: 'P2',
      escalationTier: 0,
      score: 20,
      factors: [
        { factor: 'sla_due_within_4h', points: 10 },
        { factor: 'priority_p2', points: 10 },
      ],
      sla: { state: 'due_soon', nextWarningAt: '2026-11-08T17:39:23.481Z', nextBreachAt: '2026-11-08T18:27:23.481Z' },
    },
  ],
};
