import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { PageCursor, PageSize } from '../paging.js';

export const QUEUE_PAGE_SIZE = 50;
export const MAX_QUEUE_PAGE_SIZE = 200;
const TEAM = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** As X-Actor-Id: an owner is the id of the agent who claimed or was assigned the complaint. */
const AGENT = /^[\w.@:-]{1,128}$/;

/** Query parameters of both queues; unknown parameters are a 400 like unknown body fields. */
export class QueuePageQuery {
  @PageSize(MAX_QUEUE_PAGE_SIZE, QUEUE_PAGE_SIZE) limit = QUEUE_PAGE_SIZE;

  @PageCursor() cursor?: string;
}

export class TeamQueueQuery extends QueuePageQuery {
  @ApiPropertyOptional({ description: 'Only the complaints nobody owns yet (what a claim hands out)', type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unowned?: boolean;
}

export class TeamPath {
  @ApiProperty({ example: 'quality', pattern: TEAM.source })
  @Matches(TEAM, { message: 'team must be a lower-case slug' })
  team!: string;
}

export class AgentPath {
  @ApiProperty({ example: 'agent-7', pattern: AGENT.source })
  @Matches(AGENT, { message: 'agentId must be 1 to 128 of letters, digits and . @ : _ -' })
  agentId!: string;
}
