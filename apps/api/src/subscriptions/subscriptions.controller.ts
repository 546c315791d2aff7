import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomBytes, randomUUID } from 'node:crypto';
import { type EventStore, START } from '#event-store';
import { ApiError } from '#platform/errors/api-error';
import { EVENT_STORE } from '#platform/event-store/event-store.module';
import { CLOCK, type Clock } from '#platform/time/clock';
import { measureSubscriptionLag, type Subscription, SubscriptionRepository } from '#subscriptions';
import { UuidPipe } from '../complaints/http/complaint-id.pipe.js';
import { Exchange, type HttpExchange } from '../complaints/http/exchange.decorator.js';
import { CreateSubscriptionDto } from './create-subscription.dto.js';
import { deadLetterView, subscriptionView } from './subscription-view.js';

/** Webhook subscriptions: register, inspect (position, lag, failures), pause, delete. */
@ApiTags('subscriptions')
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: CreateSubscriptionDto, @Exchange() http: HttpExchange) {
    const generated = body.secret === undefined ? `whsec_${randomBytes(32).toString('base64url')}` : undefined;
    const created = await this.subscriptions.create({
      id: randomUUID(),
      url: body.url,
      eventTypes: body.eventTypes ?? [],
      secret: body.secret ?? generated!,
      position: body.from === 'start' ? START : await this.store.headPosition(),
      now: this.clock.now(),
    });
    void http.reply.header('location', `/subscriptions/${created.id}`);
    // The only time a secret leaves the server: the one it generated, in this answer.
    return { ...subscriptionView(created, { deadLetters: 0 }), ...(generated ? { secret: generated } : {}) };
  }

  @Get()
  async list() {
    const [all, deadLetters] = await Promise.all([this.subscriptions.list(), this.subscriptions.countAllDeadLetters()]);
    return {
      subscriptions: all.map((subscription) =>
        subscriptionView(subscription, { deadLetters: deadLetters.get(subscription.id) ?? 0 }),
      ),
    };
  }

  @Get(':id')
  async get(@Param('id', UuidPipe) id: string) {
    const subscription = await this.found(id);
    const [deadLetters, lag] = await Promise.all([
      this.subscriptions.countDeadLetters(id),
      measureSubscriptionLag(this.store, subscription, this.clock.now()),
    ]);
    return subscriptionView(subscription, { deadLetters, lag });
  }

  @Get(':id/dead-letters')
  async deadLetters(@Param('id', UuidPipe) id: string) {
    await this.found(id);
    return { deadLetters: (await this.subscriptions.deadLetters(id)).map(deadLetterView) };
  }

  @Post(':id/pause')
  @HttpCode(200)
  async pause(@Param('id', UuidPipe) id: string) {
    return this.setPaused(id, true);
  }

  @Post(':id/resume')
  @HttpCode(200)
  async resume(@Param('id', UuidPipe) id: string) {
    return this.setPaused(id, false);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', UuidPipe) id: string): Promise<void> {
    if (!(await this.subscriptions.delete(id))) throw notFound(id);
  }

  private async setPaused(id: string, paused: boolean) {
    const updated = await this.subscriptions.setPaused(id, paused, this.clock.now());
    if (!updated) throw notFound(id);
    return subscriptionView(updated, { deadLetters: await this.subscriptions.countDeadLetters(id) });
  }

  private async found(id: string): Promise<Subscription> {
    const subscription = await this.subscriptions.get(id);
    if (!subscription) throw notFound(id);
    return subscription;
  }
}

function notFound(id: string): ApiError {
  return ApiError.notFound('SUBSCRIPTION_NOT_FOUND', `No subscription ${id}`);
}
