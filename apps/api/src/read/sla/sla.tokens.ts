/** The SLA policies the views measure with: the same ones the projector stores the clocks with. */
export const SLA_POLICIES = Symbol('SLA_POLICIES');
