import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { METRICS_REGISTRY, type Registry } from '#platform/metrics/registry';
import { Public } from '#platform/auth/access.decorators';
import { ApiProbeRoute } from '#platform/http/openapi/route.decorators';

const EXAMPLE = [
  '# HELP complaint_command_duration_seconds Latency of complaint commands …',
  '# TYPE complaint_command_duration_seconds histogram',
  'complaint_command_duration_seconds_count{command="ReceiveComplaint",outcome="success",service="api"} 12',
  'events_appended_total{type="ComplaintReceived",service="api"} 12',
  'projection_lag_events{projection="complaint_summary",service="api"} 0',
].join('\n');

/** Prometheus scrapes this process here (text exposition format). */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @ApiProbeRoute({
    summary: 'Prometheus metrics',
    description:
      'Command latency by command and outcome, events appended by type, projection and feed lag, process metrics.',
    answer: { description: 'Prometheus text format 0.0.4', contentType: 'text/plain', example: EXAMPLE },
  })
  async metrics(@Res() reply: FastifyReply): Promise<FastifyReply> {
    const body = await this.registry.metrics();
    return reply.header('content-type', this.registry.contentType).header('cache-control', 'no-store').send(body);
  }
}
