import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { CHANNELS, CONTACT_DIRECTIONS, CUSTOMER_MOODS, ESCALATION_REASONS, FISHBONE_CLASSES } from '#domain';
import { LIST_ITEMS, LONG_TEXT } from './limits.js';

export class LogCustomerContactDto {
  @IsIn(CONTACT_DIRECTIONS) direction!: (typeof CONTACT_DIRECTIONS)[number];
  @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
  @IsString() @Length(1, LONG_TEXT) summary!: string;
  @IsOptional() @IsIn(CUSTOMER_MOODS) mood?: (typeof CUSTOMER_MOODS)[number];
}

export class ResumeComplaintDto {
  @IsOptional() @IsString() @Length(1, LONG_TEXT) reason?: string;
}

export class IdentifyRootCauseDto {
  @IsIn(FISHBONE_CLASSES) fishboneClass!: (typeof FISHBONE_CLASSES)[number];
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIST_ITEMS)
  @IsString({ each: true })
  @Length(1, LONG_TEXT, { each: true })
  whys!: string[];
  @IsString() @Length(1, LONG_TEXT) correctiveAction!: string;
  @IsString() @Length(1, LONG_TEXT) preventiveAction!: string;
}

export class EscalateComplaintDto {
  @IsInt() @Min(1) @Max(4) tier!: 1 | 2 | 3 | 4;
  @IsIn(ESCALATION_REASONS) reason!: (typeof ESCALATION_REASONS)[number];
  @IsOptional() @IsString() @Length(1, LONG_TEXT) note?: string;
}
