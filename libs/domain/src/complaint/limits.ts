/**
 * Input limits the HTTP layer can reuse. The decider does not enforce lengths (that is the edge's
 * job), but keeping the numbers here means every edge agrees on them.
 */
export const MAX_SHORT_TEXT = 200;
export const MAX_TEXT_LENGTH = 10_000;
export const MAX_REFERENCE_LENGTH = 128;
export const MAX_LIST_ITEMS = 20;
/** Amounts are integers in the currency's minor unit; 10^11 keeps them exact in a JS number. */
export const MAX_AMOUNT_MINOR_UNITS = 100_000_000_000;
