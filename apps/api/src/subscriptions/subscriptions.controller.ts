import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomBytes, randomUUID } from 'node:crypto';
import { type EventStore, START } from '#event-store';
import { Allow } from '#platform/auth/access.decorators';
import { callerOf } from '#platform/auth/caller';
import type { Caller } from '#platform/auth/roles';
import { ApiError } from '#platform/errors/api-error';
import { EVENT_STORE } from '#platform/event-store/event-store.module';
import { CLOCK, type Clock } from '#platform/time/clock';
import { measureSubscriptionLag, type OwnerScope, type Subscription, SubscriptionRepository } from '#subscriptions';
import { UuidPipe } from '../complaints/http/complaint-id.pipe.js';
import { Exchange, type HttpExchange } from '../complaints/http/exchange.decorator.js';
import { CreateSubscriptionDto } from './create-subscription.dto.js';
import { deadLetterView, subscriptionView } from './subscription-view.js';

/**
 * Webhook subscriptions: register, inspect (position, lag, failures), pause, delete. A service
 * owns what it creates and sees only that (another's subscription is a 404, as if absent);
 * admins manage all of them, auditors read all of them.
 */
@ApiTags('subscriptions')
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Allow('service', 'admin')
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
      ownerId: callerOf(http.request).id,
    });
    void http.reply.header('location', `/subscriptions/${created.id}`);
    // The only time a secret leaves the server: the one it generated, in this answer.
    return { ...subscriptionView(created, { deadLetters: 0 }), ...(generated ? { secret: generated } : {}) };
  }

  @Get()
  @Allow('service', 'auditor', 'admin')
  async list(@Exchange() { request }: HttpExchange) {
    const [all, deadLetters] = await Promise.all([
      this.subscriptions.list(ownerScope(callerOf(request))),
      this.subscriptions.countAllDeadLetters(),
    ]);
    return {
      subscriptions: all.map((subscription) =>
        subscriptionView(subscription, { deadLetters: deadLetters.get(subscription.id) ?? 0 }),
      ),
    };
  }

  @Get(':id')
  @Allow('service', 'auditor', 'admin')
  async get(@Param('id', UuidPipe) id: string, @Exchange() { request }: HttpExchange) {
    const subscription = await this.found(id, callerOf(request));
    const [deadLetters, lag] = await Promise.all([
      this.subscriptions.countDeadLetters(id),
      measureSubscriptionLag(this.store, subscription, this.clock.now()),
    ]);
    return subscriptionView(subscription, { deadLetters, lag });
  }

  @Get(':id/dead-letters')
  @Allow('service', 'auditor', 'admin')
  async deadLetters(@Param('id', UuidPipe) id: string, @Exchange() { request }: HttpExchange) {
    await this.found(id, callerOf(request));
    return { deadLetters: (await this.subscriptions.deadLetters(id)).map(deadLetterView) };
  }

  @Post(':id/pause')
  @Allow('service', 'admin')
  @HttpCode(200)
  async pause(@Param('id', UuidPipe) id: string, @Exchange() { request }: HttpExchange) {
    return this.setPaused(id, true, callerOf(request));
  }

  @Post(':id/resume')
  @Allow('service', 'admin')
  @HttpCode(200)
  async resume(@Param('id', UuidPipe) id: string, @Exchange() { request }: HttpExchange) {
    return this.setPaused(id, false, callerOf(request));
  }

  @Delete(':id')
  @Allow('service', 'admin')
  @HttpCode(204)
  async remove(@Param('id', UuidPipe) id: string, @Exchange() { request }: HttpExchange): Promise<void> {
    if (!(await this.subscriptions.delete(id, ownerScope(callerOf(request))))) throw notFound(id);
  }

  private async setPaused(id: string, paused: boolean, caller: Caller) {
    const updated = await this.subscriptions.setPaused(id, paused, this.clock.now(), ownerScope(caller));
    if (!updated) throw notFound(id);
    return subscriptionView(updated, { deadLetters: await this.subscriptions.countDeadLetters(id) });
  }

  private async found(id: string, caller: Caller): Promise<Subscription> {
    const subscription = await this.subscriptions.get(id, ownerScope(caller));
    if (!subscription) throw notFound(id);
    return subscription;
  }
}

/** A service is narrowed to its own subscriptions; admins and auditors see every one. */
function ownerScope(caller: Caller): OwnerScope {
  return caller.role === 'service' ? caller.id : undefined;
}

function notFound(id: string): ApiError {
  return ApiError.notFound('SUBSCRIPTION_NOT_FOUND', `No subscription ${id}`);
}
