import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { UuidPipe } from '../../complaints/http/complaint-id.pipe.js';
import { historyPointOf, StateAtQueryDto } from './state-at.dto.js';
import { type ComplaintStateAt, GetComplaintStateAt } from './state-at.query.js';
import { Allow } from '#platform/auth/access.decorators';
import { EVENT_STORE_TIMEOUT } from '#platform/http/openapi/platform-errors.examples';
import { ApiReadRoute } from '#platform/http/openapi/route.decorators';
import { AuditErrors, ComplaintErrors } from '../../openapi/api-errors.examples.js';
import { ComplaintStateAtDoc, STATE_AT_EXAMPLE } from '../audit.doc.js';

@ApiTags('complaints: audit')
@Allow('supervisor', 'auditor', 'admin')
@Controller('complaints/:id')
export class ComplaintStateAtController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('state')
  @ApiReadRoute({
    summary: 'Time travel: the complaint as it stood at `asOf` (an instant) or at `revision` (give exactly one)',
    description: 'Folded from the stored events (upcast to today’s schema) exactly as a command at that moment saw it.',
    answer: { description: 'The state at that point', type: ComplaintStateAtDoc, example: STATE_AT_EXAMPLE },
    errors: [
      ComplaintErrors.INVALID_ID,
      AuditErrors.INVALID_HISTORY_POINT,
      ComplaintErrors.NOT_FOUND,
      AuditErrors.REVISION_NOT_FOUND,
      AuditErrors.COMPLAINT_NOT_YET_RECEIVED,
      EVENT_STORE_TIMEOUT,
    ],
  })
  stateAt(@Param('id', UuidPipe) id: string, @Query() query: StateAtQueryDto): Promise<ComplaintStateAt> {
    return this.queryBus.execute<GetComplaintStateAt, ComplaintStateAt>(
      new GetComplaintStateAt(id, historyPointOf(query)),
    );
  }
}
