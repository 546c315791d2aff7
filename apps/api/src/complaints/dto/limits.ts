import { MAX_LIST_ITEMS, MAX_REFERENCE_LENGTH, MAX_SHORT_TEXT, MAX_TEXT_LENGTH } from '#domain';

/** Field length limits at the edge: generous for people, small enough that no body is a weapon. */
export const SHORT_TEXT = MAX_SHORT_TEXT;
export const LONG_TEXT = MAX_TEXT_LENGTH;
export const REFERENCE = MAX_REFERENCE_LENGTH;
export const LIST_ITEMS = MAX_LIST_ITEMS;
/** An ISO-8601 date-time with nanoseconds and an offset is 35 characters; anything longer is not one. */
export const INSTANT = 40;
/** Who acts and who owns: the actor ids event metadata, tokens and queues accept. */
export const ACTOR_ID = /^[\w.@:-]{1,128}$/;
