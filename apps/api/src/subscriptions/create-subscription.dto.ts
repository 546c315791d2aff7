import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  MinLength,
} from 'class-validator';
import { COMPLAINT_EVENT_TYPES } from '#domain';

export const MAX_URL_LENGTH = 2048;
export const MIN_SECRET_LENGTH = 16;
export const SUBSCRIPTION_STARTS = ['now', 'start'] as const;

export class CreateSubscriptionDto {
  /** Where events are POSTed: an absolute http(s) URL, without credentials or fragment. */
  @IsString()
  @MaxLength(MAX_URL_LENGTH)
  @IsUrl(
    {
      protocols: ['http', 'https'],
      require_protocol: true,
      require_valid_protocol: true,
      require_tld: false,
      disallow_auth: true,
      allow_fragments: false,
      validate_length: false,
    },
    { message: 'url must be an absolute http or https URL without credentials or fragment' },
  )
  url!: string;

  /** Empty or absent: every complaint event type. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(COMPLAINT_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(COMPLAINT_EVENT_TYPES, { each: true, message: 'each of eventTypes must be a known complaint event type' })
  eventTypes?: string[];

  /** Signs every delivery; generated (and returned once) when absent. */
  @IsOptional()
  @IsString()
  @MinLength(MIN_SECRET_LENGTH)
  @MaxLength(256)
  secret?: string;

  /** `now` (default): only events appended from now on; `start`: the whole history first. */
  @IsOptional()
  @IsIn(SUBSCRIPTION_STARTS)
  from?: (typeof SUBSCRIPTION_STARTS)[number];
}
