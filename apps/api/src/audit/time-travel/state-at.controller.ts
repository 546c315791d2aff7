import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { UuidPipe } from '../../complaints/http/complaint-id.pipe.js';
import { historyPointOf, StateAtQueryDto } from './state-at.dto.js';
import { type ComplaintStateAt, GetComplaintStateAt } from './state-at.query.js';
import { Allow } from '#platform/auth/access.decorators';

@ApiTags('complaints: audit')
@Allow('supervisor', 'auditor', 'admin')
@Controller('complaints/:id')
export class ComplaintStateAtController {
  constructor(private readonly queryBus: QueryBus) {}

  /** The complaint as it stood at `asOf` (an instant) or at `revision` (give exactly one). */
  @Get('state')
  stateAt(@Param('id', UuidPipe) id: string, @Query() query: StateAtQueryDto): Promise<ComplaintStateAt> {
    return this.queryBus.execute<GetComplaintStateAt, ComplaintStateAt>(
      new GetComplaintStateAt(id, historyPointOf(query)),
    );
  }
}
