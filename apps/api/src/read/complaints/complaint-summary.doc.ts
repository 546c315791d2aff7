/**
 * The complaint list's answers for the OpenAPI document (the read model's rows are interfaces).
 * Each class implements the read model's type, so the documentation cannot drift from the query.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORIES, CHANNELS, COMPLAINT_STATUSES, PRIORITIES } from '#domain';
import type { ComplaintSummaryView, SummaryPage } from '#read-models';
import { EXAMPLE_COMPLAINT_ID } from '../../openapi/example-values.js';

const instant = { type: String, format: 'date-time' } as const;
const nullableInstant = { ...instant, nullable: true } as const;
const nullableText = { type: String, nullable: true } as const;

export class ComplaintSummaryDoc implements ComplaintSummaryView {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty() customerId!: string;
  @ApiPropertyOptional(nullableText) productRef!: string | null;
  @ApiPropertyOptional({ ...nullableText, enum: CATEGORIES }) category!: string | null;
  @ApiPropertyOptional(nullableText) subcategory!: string | null;
  @ApiPropertyOptional(nullableText) severity!: string | null;
  @ApiPropertyOptional(nullableText) impact!: string | null;
  @ApiPropertyOptional({ ...nullableText, enum: PRIORITIES }) priority!: string | null;
  @ApiPropertyOptional(nullableText) team!: string | null;
  @ApiPropertyOptional(nullableText) ownerId!: string | null;
  @ApiProperty({ description: '0 when never escalated' }) escalationTier!: number;
  @ApiProperty() reopenCount!: number;
  @ApiProperty(instant) receivedAt!: string;
  @ApiPropertyOptional(nullableInstant) acknowledgedAt!: string | null;
  @ApiPropertyOptional(nullableInstant) resolvedAt!: string | null;
  @ApiPropertyOptional(nullableInstant) closedAt!: string | null;
  @ApiProperty(instant) updatedAt!: string;
  @ApiProperty({ description: 'The last revision the projector applied' }) revision!: number;
}

export class SummaryPageDoc implements SummaryPage {
  @ApiProperty({ type: [ComplaintSummaryDoc] }) items!: ComplaintSummaryDoc[];
  @ApiPropertyOptional({ ...nullableText, description: 'Pass back as `cursor` for the next page; null on the last' })
  nextCursor!: string | null;
}

export const SUMMARY_EXAMPLE: ComplaintSummaryView = {
  complaintId: EXAMPLE_COMPLAINT_ID,
  status: 'investigating',
  channel: 'email',
  customerId: 'cust-2002',
  productRef: 'BL-310',
  category: 'product_quality',
  subcategory: 'manufacturing_defect',
  severity: 'high',
  impact: 'individual',
  priority: 'P2',
  team: 'quality',
  ownerId: 'agent-7',
  escalationTier: 0,
  reopenCount: 0,
  receivedAt: '2026-11-08T09:12:44.120Z',
  acknowledgedAt: '2026-11-08T09:40:02.310Z',
  resolvedAt: null,
  closedAt: null,
  updatedAt: '2026-11-09T14:03:11.871Z',
  revision: 4,
};

export const SUMMARY_PAGE_EXAMPLE: SummaryPage = {
  items: [SUMMARY_EXAMPLE],
  nextCursor: 'eyJ2IjpbIjIwMjYtMTEtMDhUMDk6MTI6NDQuMTIwWiIsIjU2YzhlZmUzIl19',
};
