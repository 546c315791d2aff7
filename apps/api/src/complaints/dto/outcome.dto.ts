import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CLOSURE_CODES } from '#domain';
import { LIST_ITEMS, LONG_TEXT } from './limits.js';

export class ResolveComplaintDto {
  @IsString() @Length(1, LONG_TEXT) summary!: string;
  @IsArray()
  @ArrayMaxSize(LIST_ITEMS)
  @IsString({ each: true })
  @Length(1, LONG_TEXT, { each: true })
  planSteps: string[] = [];
}

export class CustomerResponseDto {
  @IsIn(['confirmed', 'disputed']) outcome!: 'confirmed' | 'disputed';
  @IsInt() @Min(1) @Max(5) satisfaction!: number;
  @IsOptional() @IsString() @Length(1, LONG_TEXT) comment?: string;
}

/** STAR-L: what happened, what had to be done, what was done, how it ended, what we learned. */
export class LessonsDto {
  @IsString() @Length(1, LONG_TEXT) situation!: string;
  @IsString() @Length(1, LONG_TEXT) task!: string;
  @IsString() @Length(1, LONG_TEXT) action!: string;
  @IsString() @Length(1, LONG_TEXT) result!: string;
  @IsString() @Length(1, LONG_TEXT) lesson!: string;
}

export class CloseComplaintDto {
  @IsOptional() @IsIn(CLOSURE_CODES) closureCode?: (typeof CLOSURE_CODES)[number];
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LessonsDto) lessons?: LessonsDto;
}
