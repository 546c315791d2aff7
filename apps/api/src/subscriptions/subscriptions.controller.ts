import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomBytes, randomUUID } from 'node:crypto';
import { type EventStore, START } from '#event-store';
import { Allow } from '#platform/auth/access.decorators';
import { callerOf } from '#platform/auth/caller';
import type { Caller } from '#platform/auth/roles';
import { ApiError } from '#platform/errors/api-error';
import { EVENT_STORE } from '#platform/event-store/event-store.module';
import { ApiDeleteRoute, ApiReadRoute, ApiWriteRoute } from '#platform/http/openapi/route.decorators';
import { CLOCK, type Clock } from '#platform/time/clock';
import { measureSubscriptionLag, type OwnerScope, type Subscription, SubscriptionRepository } from '#subscriptions';
import { UuidPipe } from '../complaints/http/complaint-id.pipe.js';
import { Exchange, type HttpExchange } from '../complaints/http/exchange.decorator.js';
import { ComplaintErrors, SubscriptionErrors } from '../openapi/api-errors.examples.js';
import { CreateSubscriptionDto } from './create-subscription.dto.js';
import {
  CREATE_SUBSCRIPTION_BODY,
  CREATED_SUBSCRIPTION_EXAMPLE,
  CreatedSubscriptionDoc,
  DEAD_LETTERS_EXAMPLE,
  DeadLettersDoc,
  SUBSCRIPTION_EXAMPLE,
  SUBSCRIPTION_WITH_LAG_EXAMPLE,
  SubscriptionDoc,
  SubscriptionListDoc,
} from './subscription.doc.js';
import { deadLetterView, subscriptionView } from './subscription-view.js';

/** Another service's subscription is a 404, as if absent. */
const SUBSCRIPTION_LOOKUP = [ComplaintErrors.INVALID_ID, SubscriptionErrors.NOT_FOUND];

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
  @ApiWriteRoute({
    summary: 'Register a webhook: events are POSTed to url, signed with the secret',
    description: 'Without a secret the server generates one and shows it in this answer only.',
    body: { type: CreateSubscriptionDto, example: CREATE_SUBSCRIPTION_BODY },
    answer: {
      status: 201,
      description: 'Registered; Location names it',
      headers: { Location: { description: '/subscriptions/{id}', schema: { type: 'string' } } },
      type: CreatedSubscriptionDoc,
      example: CREATED_SUBSCRIPTION_EXAMPLE,
    },
  })
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
  @ApiReadRoute({
    summary: 'The subscriptions the caller may see: a service its own, admins and auditors all',
    answer: {
      description: 'The subscriptions',
      type: SubscriptionListDoc,
      example: { subscriptions: [SUBSCRIPTION_EXAMPLE] },
    },
  })
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
  @ApiReadRoute({
    summary: 'One subscription: position, lag, failures',
    answer: { description: 'The subscription', type: SubscriptionDoc, example: SUBSCRIPTION_WITH_LAG_EXAMPLE },
    errors: SUBSCRIPTION_LOOKUP,
  })
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
  @ApiReadRoute({
    summary: 'The events given up on, with the last error of each',
    answer: { description: 'The dead letters', type: DeadLettersDoc, example: DEAD_LETTERS_EXAMPLE },
    errors: SUBSCRIPTION_LOOKUP,
  })
  async deadLetters(@Param('id', UuidPipe) id: string, @Exchange() { request }: HttpExchange) {
    await this.found(id, callerOf(request));
    return { deadLetters: (await this.subscriptions.deadLetters(id)).map(deadLetterView) };
  }

  @Post(':id/pause')
  @Allow('service', 'admin')
  @HttpCode(200)
  @ApiWriteRoute({
    summary: 'Pause deliveries; events keep accumulating behind the position',
    answer: {
      description: 'Paused',
      type: SubscriptionDoc,
      example: { ...SUBSCRIPTION_EXAMPLE, status: 'paused' },
    },
    errors: SUBSCRIPTION_LOOKUP,
  })
  async pause(@Param('id', UuidPipe) id: string, @Exchange() { request }: HttpExchange) {
    return this.setPaused(id, true, callerOf(request));
  }

  @Post(':id/resume')
  @Allow('service', 'admin')
  @HttpCode(200)
  @ApiWriteRoute({
    summary: 'Resume deliveries from the position',
    answer: { description: 'Active again', type: SubscriptionDoc, example: SUBSCRIPTION_EXAMPLE },
    errors: SUBSCRIPTION_LOOKUP,
  })
  async resume(@Param('id', UuidPipe) id: string, @Exchange() { request }: HttpExchange) {
    return this.setPaused(id, false, callerOf(request));
  }

  @Delete(':id')
  @Allow('service', 'admin')
  @HttpCode(204)
  @ApiDeleteRoute({
    summary: 'Delete the subscription and its dead letters',
    answer: { status: 204, description: 'Deleted' },
    errors: SUBSCRIPTION_LOOKUP,
  })
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
