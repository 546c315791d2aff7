import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ApiError } from '../../errors/api-error.js';
import { routeArgumentsOf } from '../route-arguments.js';

/**
 * Query parameters are validated by each route's @Query() DTO, which refuses unknown ones. A route
 * that declares no query at all would silently ignore them instead; this makes those a 400 as well,
 * so a misspelt filter is never mistaken for an unfiltered answer.
 */
@Injectable()
export class UndeclaredQueryInterceptor implements NestInterceptor {
  private readonly declaresQuery = new WeakMap<object, boolean>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<FastifyRequest>();
      const names = Object.keys((request.query as Record<string, unknown> | undefined) ?? {});
      if (names.length > 0 && !this.handlerDeclaresQuery(context)) {
        throw ApiError.badRequest('UNKNOWN_QUERY_PARAMETER', 'This route takes no query parameters', {
          parameters: names.slice(0, 10).map((name) => name.slice(0, 100)),
        });
      }
    }
    return next.handle();
  }

  private handlerDeclaresQuery(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let known = this.declaresQuery.get(handler);
    if (known === undefined) {
      known = routeArgumentsOf(context.getClass(), handler.name).some((argument) => argument.kind === 'query');
      this.declaresQuery.set(handler, known);
    }
    return known;
  }
}
