import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CATEGORIES, CHANNELS, IMPACTS, INTENSITIES, PURPOSES, SEVERITIES } from '#domain';
import { ACTOR_ID, INSTANT, LONG_TEXT, REFERENCE, SHORT_TEXT } from './limits.js';

export class CustomerDto {
  @IsString() @Length(1, REFERENCE) id!: string;
  @IsString() @Length(1, SHORT_TEXT) name!: string;
  @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @IsOptional()
  @IsString()
  @MaxLength(32)
  @Matches(/^\+?[0-9][0-9 ().-]{2,31}$/, { message: 'phone must be a phone number' })
  phone?: string;
}

export class ReceiveComplaintDto {
  /** Optional: the caller may choose the id (e.g. when importing); otherwise the server does. */
  @IsOptional() @IsUUID() complaintId?: string;
  @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
  @IsObject() @ValidateNested() @Type(() => CustomerDto) customer!: CustomerDto;
  @IsString() @Length(1, SHORT_TEXT) subject!: string;
  @IsString() @Length(1, LONG_TEXT) description!: string;
  @IsOptional() @IsString() @Length(1, REFERENCE) productRef?: string;
  @IsOptional() @IsString() @Length(1, REFERENCE) orderRef?: string;
  @IsOptional() @IsString() @MaxLength(INSTANT) @IsISO8601({ strict: true }) occurredAt?: string;
  @IsOptional() @IsString() @Length(1, LONG_TEXT) remedySought?: string;
  @IsIn(INTENSITIES) intensity!: (typeof INTENSITIES)[number];
  @IsIn(PURPOSES) purpose!: (typeof PURPOSES)[number];
}

export class AcknowledgeComplaintDto {
  @IsIn(CHANNELS) how!: (typeof CHANNELS)[number];
  @IsOptional() @IsString() @Length(1, LONG_TEXT) message?: string;
}

export class CategorizeComplaintDto {
  @IsIn(CATEGORIES) category!: (typeof CATEGORIES)[number];
  @IsString() @Length(1, SHORT_TEXT) subcategory!: string;
  @IsIn(SEVERITIES) severity!: (typeof SEVERITIES)[number];
  @IsIn(IMPACTS) impact!: (typeof IMPACTS)[number];
}

export class AssignComplaintDto {
  @IsString() @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'team must be a lower-case slug' }) team!: string;
  @IsString()
  @Matches(ACTOR_ID, { message: 'ownerId must be 1 to 128 of letters, digits and . @ : _ -' })
  ownerId!: string;
}

/** Validate, reject, reopen: a step whose only data is why. */
export class ReasonDto {
  @IsString() @Length(1, LONG_TEXT) reason!: string;
}
