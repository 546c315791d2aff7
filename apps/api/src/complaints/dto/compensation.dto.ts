import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { COMPENSATION_KINDS, MAX_AMOUNT_MINOR_UNITS } from '#domain';
import { LONG_TEXT, REFERENCE } from './limits.js';

/** Amounts are integers in the currency's minor unit (cents), so no rounding ever happens. */
const MAX_MINOR_UNITS = MAX_AMOUNT_MINOR_UNITS;

export class OfferCompensationDto {
  @IsOptional() @IsUUID() compensationId?: string;
  @IsIn(COMPENSATION_KINDS) kind!: (typeof COMPENSATION_KINDS)[number];
  @IsInt() @Min(0) @Max(MAX_MINOR_UNITS) amount!: number;
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' }) currency!: string;
}

export class ApproveCompensationDto {
  @IsOptional() @IsInt() @Min(0) @Max(MAX_MINOR_UNITS) approvedAmount?: number;
}

export class DeclineCompensationDto {
  @IsString() @Length(1, LONG_TEXT) reason!: string;
}

export class PayCompensationDto {
  @IsInt() @Min(1) @Max(MAX_MINOR_UNITS) amount!: number;
  @IsOptional() @IsString() @Length(1, REFERENCE) paymentRef?: string;
}
