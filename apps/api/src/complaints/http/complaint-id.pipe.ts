import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiError } from '#platform/errors/api-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids are UUIDs; anything else is a 400 before any storage is touched. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw ApiError.badRequest('INVALID_ID', 'The id in the path is not a UUID');
    return value.toLowerCase();
  }
}
