import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STREAM_CATEGORY } from '#domain';
import type { EventStore, FeedFilter, Position, RecordedEvent } from '#event-store';
import { EVENT_STORE } from '#platform/event-store/event-store.module';
import { CategoryFilter } from './category-filter.js';
import { EVENT_FEED_OPTIONS, type EventFeedOptions } from './event-feed.tokens.js';
import { feedMessageOf } from './feed-message.js';
import type { FeedRequest } from './feed-request.js';
import { SseStream } from './sse-stream.js';

/** What one open feed connection has done so far (for tests, metrics and shutdown). */
export interface FeedConnectionStats {
  /** Events taken from the store subscription. */
  pulled: number;
  sent: number;
  /** Bytes waiting in Node's buffer for this response. */
  bufferedBytes: number;
}

interface Connection {
  stats: Omit<FeedConnectionStats, 'bufferedBytes'>;
  stream: SseStream;
  abort: AbortController;
  /** Newest position passed over by the filters since the last sent event; heartbeats carry it. */
  skippedThrough?: Position;
  finished: Promise<void>;
}

/** GET /events: each connection is one store subscription, pulled only as fast as its client reads. */
@Injectable()
export class EventFeed implements OnModuleDestroy {
  private readonly logger = new Logger('EventFeed');
  private readonly connections = new Set<Connection>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_FEED_OPTIONS) private readonly options: EventFeedOptions,
  ) {}

  /**
   * Takes the reply over from Fastify and streams until the client leaves or the app stops. The start
   * position is fixed before the headers go out, so everything appended after a client sees the
   * response is delivered to it.
   */
  async open(request: FeedRequest, reply: FastifyReply): Promise<void> {
    const after = request.after ?? (await this.store.headPosition());
    const abort = new AbortController();
    reply.hijack();
    reply.raw.once('close', () => abort.abort());
    const connection = { stats: { pulled: 0, sent: 0 }, abort } as Connection;
    connection.stream = new SseStream(
      reply.raw,
      abort.signal,
      this.options.heartbeatMs,
      () => connection.skippedThrough,
    );
    connection.stream.open(reply.getHeaders() as Record<string, string>, this.options.retryMs);
    this.connections.add(connection);
    connection.finished = this.pump(connection, request, after)
      .catch((error: unknown) => this.logger.error({ err: error }, 'event feed connection failed'))
      .finally(() => {
        abort.abort();
        connection.stream.end();
        this.connections.delete(connection);
      });
  }

  stats(): FeedConnectionStats[] {
    return [...this.connections].map(({ stats, stream }) => ({ ...stats, bufferedBytes: stream.bufferedBytes }));
  }

  /** Ends every open feed before the HTTP server closes (it would otherwise wait for them forever). */
  async onModuleDestroy(): Promise<void> {
    const open = [...this.connections];
    for (const connection of open) connection.abort.abort();
    await Promise.all(open.map((connection) => connection.finished));
  }

  private async pump(connection: Connection, request: FeedRequest, after: Position): Promise<void> {
    const signal = connection.abort.signal;
    const categories = request.category
      ? new CategoryFilter(this.store, request.category, this.options.categoryCacheSize)
      : undefined;
    const events = this.store.subscribeAll({
      after,
      filter: this.storeFilter(request),
      batchSize: this.options.batchSize,
      signal,
    });
    for await (const event of events) {
      connection.stats.pulled += 1;
      if (await this.selected(event, request, categories)) {
        await connection.stream.send(event.position, event.type, feedMessageOf(event));
        connection.stats.sent += 1;
        connection.skippedThrough = undefined;
      } else {
        connection.skippedThrough = event.position;
      }
      if (signal.aborted) return;
    }
  }

  private storeFilter(request: FeedRequest): FeedFilter {
    const eventTypes = request.category
      ? CategoryFilter.subscriptionTypes(request.types)
      : request.types && [...request.types];
    return { streamPrefixes: [`${STREAM_CATEGORY}-`], ...(eventTypes ? { eventTypes } : {}) };
  }

  /** The category filter sees every event it is given (it keeps its cache current from them). */
  private async selected(event: RecordedEvent, request: FeedRequest, categories?: CategoryFilter): Promise<boolean> {
    const inCategory = categories ? await categories.matches(event) : true;
    return inCategory && (!request.types || request.types.has(event.type as never));
  }
}
