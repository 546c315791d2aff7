/**
 * The SLA views' response shapes, for the OpenAPI document only (the answers are the read model's
 * plain objects: see libs/read-models/src/sla).
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SLA_CLOCK_STATES, SLA_TARGETS } from '#domain';
import { COMPLIANCE_GROUPS, COMPLIANCE_PERIODS } from '#read-models/sla/index';

const instant = { type: String, format: 'date-time' } as const;
const nullableInstant = { ...instant, nullable: true } as const;
const nullableText = { type: String, nullable: true } as const;

export class SlaClockDoc {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ enum: SLA_TARGETS }) target!: string;
  @ApiProperty({ description: '1 for acknowledge and first response; the handling (2 after a reopening…) for resolve' })
  handling!: number;
  @ApiProperty({ description: 'The SLA policy the clock is measured against' }) policyId!: string;
  @ApiProperty({ enum: SLA_CLOCK_STATES, description: 'At asOf' }) state!: string;
  @ApiProperty({ description: "The target, in ms of the policy's clock (wall or working time)" }) targetMs!: number;
  @ApiProperty(instant) startedAt!: string;
  @ApiProperty({ ...instant, description: 'While paused: as if the customer answered at asOf' }) dueAt!: string;
  @ApiPropertyOptional({ ...nullableInstant, description: 'When the warning happens (or happened)' })
  warningAt!: string | null;
  @ApiPropertyOptional({ ...nullableInstant, description: 'When the breach happens (or happened)' })
  breachAt!: string | null;
  @ApiPropertyOptional(nullableInstant) metAt!: string | null;
  @ApiProperty({ description: 'Met at or after the due instant' }) metLate!: boolean;
  @ApiPropertyOptional({ ...nullableInstant, description: 'When a closure stopped the clock unmet' })
  stoppedAt!: string | null;
  @ApiProperty({ description: 'Time spent waiting on the customer, ms' }) pausedMs!: number;
  @ApiProperty({ description: 'Time counted against the target, ms' }) elapsedMs!: number;
  @ApiProperty({ description: 'Negative once overdue, ms' }) remainingMs!: number;
  @ApiPropertyOptional(nullableText) priority!: string | null;
  @ApiPropertyOptional(nullableText) category!: string | null;
  @ApiPropertyOptional(nullableText) team!: string | null;
}

export class ComplaintSlaDoc {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ ...instant, description: 'The instant states and remaining times are measured at' }) asOf!: string;
  @ApiProperty({ type: [SlaClockDoc], description: 'Acknowledge, first response, then resolve per handling' })
  clocks!: SlaClockDoc[];
}

export class SlaClockPageDoc {
  @ApiProperty(instant) asOf!: string;
  @ApiProperty({ type: [SlaClockDoc] }) items!: SlaClockDoc[];
  @ApiPropertyOptional({ ...nullableText, description: 'Pass back as cursor for the next page; null on the last' })
  nextCursor!: string | null;
}

export class TargetComplianceDoc {
  @ApiProperty({ description: 'metOnTime + metLate + missed' }) closedOut!: number;
  @ApiProperty() metOnTime!: number;
  @ApiProperty() metLate!: number;
  @ApiProperty({ description: 'Stopped unmet after the due instant' }) missed!: number;
  @ApiProperty({ description: 'Stopped unmet before the due instant: not counted in the rate' })
  stoppedInTime!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'metOnTime / closedOut' }) rate!: number | null;
}

export class ComplianceTargetsDoc {
  @ApiProperty({ type: TargetComplianceDoc }) acknowledge!: TargetComplianceDoc;
  @ApiProperty({ type: TargetComplianceDoc }) first_response!: TargetComplianceDoc;
  @ApiProperty({ type: TargetComplianceDoc }) resolve!: TargetComplianceDoc;
}

export class ComplianceBucketDoc {
  @ApiProperty({ description: 'First local day of the period', example: '2026-01-05' }) period!: string;
  @ApiPropertyOptional({ ...nullableText, description: 'The team, category or priority' }) group!: string | null;
  @ApiProperty({ type: ComplianceTargetsDoc }) targets!: ComplianceTargetsDoc;
}

export class ComplianceReportDoc {
  @ApiProperty({ enum: COMPLIANCE_GROUPS }) groupBy!: string;
  @ApiProperty({ enum: COMPLIANCE_PERIODS }) period!: string;
  @ApiProperty(instant) from!: string;
  @ApiProperty(instant) to!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ type: [ComplianceBucketDoc] }) buckets!: ComplianceBucketDoc[];
}
