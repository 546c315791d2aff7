/** Field length limits at the edge: generous for people, small enough that no body is a weapon. */
export const SHORT_TEXT = 200;
export const LONG_TEXT = 10_000;
export const REFERENCE = 128;
export const LIST_ITEMS = 20;
