import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiError } from '#platform/errors/api-error';
import { REFERENCE } from '../complaints/dto/limits.js';

/** Printable, 1 to REFERENCE characters: what intake accepts as customer.id, minus control characters. */
const PRINTABLE = /^[^\p{Cc}\p{Cs}]+$/u;

@Injectable()
export class CustomerIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || value.length === 0 || value.length > REFERENCE || !PRINTABLE.test(value)) {
      throw ApiError.badRequest(
        'INVALID_CUSTOMER_ID',
        `The customer id must be 1 to ${REFERENCE} printable characters`,
      );
    }
    return value;
  }
}
