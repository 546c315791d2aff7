/**
 * The auditors' record of a crypto-shredding: who had which customer forgotten, when, and which
 * keys went with it. It lives in the customer's own erasure stream (`erasure-<customerId>`), never
 * in a complaint stream: the complaints' histories stay exactly as they were, hashes included, and
 * their personal fields simply read as erased from then on.
 */
export const CUSTOMER_FORGOTTEN = 'CustomerForgotten';
export const CUSTOMER_FORGOTTEN_VERSION = 1;
export const ERASURE_STREAM_CATEGORY = 'erasure';

export interface CustomerForgottenData {
  /** The customer reference (not personal data). */
  customerId: string;
  /** The ids of the customer keys erased, as they appear in the sealed fields of the events. */
  keyIds: string[];
  by: string;
  forgottenAt: string;
}

export function erasureStreamNameFor(customerId: string): string {
  return `${ERASURE_STREAM_CATEGORY}-${customerId}`;
}

/** The record of one erasure; none when there was no live key left to erase (a repeat). */
export function customerForgotten(
  customerId: string,
  keyIds: readonly string[],
  context: { actorId: string; now: Date },
): CustomerForgottenData | undefined {
  if (keyIds.length === 0) return undefined;
  return { customerId, keyIds: [...keyIds].sort(), by: context.actorId, forgottenAt: context.now.toISOString() };
}
