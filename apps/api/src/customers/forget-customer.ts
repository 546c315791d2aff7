import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CUSTOMER_FORGOTTEN, CUSTOMER_FORGOTTEN_VERSION, customerForgotten, erasureStreamNameFor } from '#domain';
import type { EventStore } from '#event-store';
import type { Caller } from '#platform/auth/roles';
import { CUSTOMER_KEYS, EVENT_STORE } from '#platform/event-store/event-store.module';
import { deterministicUuid } from '#platform/ids/deterministic-uuid';
import type { PostgresCustomerKeys } from '#platform/personal-data/postgres-customer-keys';
import { CLOCK, type Clock } from '#platform/time/clock';

export class ForgetCustomer {
  constructor(
    readonly customerId: string,
    readonly caller: Caller,
    readonly correlationId: string,
  ) {}
}

export interface CustomerForgottenAnswer {
  customerId: string;
  /** Keys erased by this request: 0 when the customer had none left (forgotten before, or never seen). */
  erasedKeys: number;
  /** Where the auditors' record of each erasure is (GET /audit/export?stream=…). */
  erasureStream: string;
}

/**
 * Crypto-shredding. The record goes in first, with an id derived from the keys it names, then the
 * keys are erased: a request that fails in between is finished by its retry (the same record is
 * an idempotent no-op for the store), and no key is ever erased without its record. Nothing is
 * appended to the complaint streams, whose histories and hashes stay exactly as they were.
 */
@CommandHandler(ForgetCustomer)
export class ForgetCustomerHandler implements ICommandHandler<ForgetCustomer, CustomerForgottenAnswer> {
  constructor(
    @Inject(CUSTOMER_KEYS) private readonly keys: PostgresCustomerKeys,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ customerId, caller, correlationId }: ForgetCustomer): Promise<CustomerForgottenAnswer> {
    const stream = erasureStreamNameFor(customerId);
    const keyIds = await this.keys.liveKeyIds(customerId);
    const record = customerForgotten(customerId, keyIds, { actorId: caller.id, now: this.clock.now() });
    if (!record) return { customerId, erasedKeys: 0, erasureStream: stream };
    const id = deterministicUuid('customer-forgotten', customerId, ...record.keyIds);
    await this.store.append(
      stream,
      [
        {
          id,
          type: CUSTOMER_FORGOTTEN,
          schemaVersion: CUSTOMER_FORGOTTEN_VERSION,
          data: record,
          metadata: {
            actor: { id: caller.id, role: caller.role },
            correlationId,
            causationId: id,
            command: 'ForgetCustomer',
          },
        },
      ],
      'any',
    );
    const erased = await this.keys.erase(customerId, record.keyIds, caller.id);
    return { customerId, erasedKeys: erased.length, erasureStream: stream };
  }
}
