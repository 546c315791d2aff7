/**
 * What each statistic means, as published in the OpenAPI descriptions of the analytics routes.
 * Every statistic covers the complaints received in [from, to), bucketed by time of receipt (UTC).
 */
const SCOPE =
  'Covers the complaints received in [from, to) (a date means UTC midnight), narrowed by the optional ' +
  'category, subcategory, fishbone, product, channel and team filters. Each complaint is counted once, ' +
  'under the keys it has now: a recategorized complaint moves to its new category, a new root-cause ' +
  'analysis replaces the previous fishbone class.';

export const DEFINITIONS = {
  causes:
    `Complaints per bucket of receipt and key of \`by\` (default category), with each key's share of its bucket. ${SCOPE} ` +
    'Rows: buckets in order, then the biggest key first; key null = no value yet (not categorized, no root cause, no product, not assigned).',
  pareto:
    `Causes (\`by\`, default fishbone: the 6M root-cause class) ranked by complaints, biggest first, with each one's share ` +
    'of the classified complaints and the cumulative share; `vital` marks the biggest causes that together first reach ' +
    `80 %. Complaints with no key yet are reported as \`unclassified\`, not ranked. ${SCOPE}`,
  trends:
    'Complaints per bucket (default week) for each key of `by` (or all together), every bucket present with zeros. ' +
    'The period is widened to whole buckets (`from`/`to` in the answer); each point is compared with the bucket ' +
    'before, and the whole period with the period of as many buckets just before it (`previousFrom`). ' +
    `changeRatio = change / previous, null when the previous is 0. ${SCOPE}`,
  resolution:
    'Per bucket × key: reopenRate = complaints reopened at least once / complaints resolved or closed at least once. ' +
    'firstContactResolutionRate = first-contact resolutions / complaints resolved at least once, where a first-contact ' +
    'resolution is a complaint whose first resolution came with no further exchange with the customer (no contact ' +
    'logged in either direction, never waiting on the customer) and that was never reopened. Time to resolve runs from ' +
    'receipt to the resolution in force (after a reopening, the later resolution), over the complaints resolved now ' +
    `(\`resolved\`); the median is interpolated (percentile_cont 0.5); open complaints are not in the times. ${SCOPE}`,
  compensation:
    'Per bucket × key × kind × currency (never summed across currencies), in minor units: offered, payable (the ' +
    'approved amount, or the offer when it needed no approval; 0 when declined) and paid so far, with the number of ' +
    `compensations and of declined ones. Bucketed by the complaint's receipt, not the payment. ${SCOPE}`,
  satisfaction:
    'Per bucket × key, over complaints whose customer answered a resolution (the latest answer counts, one per ' +
    'complaint): responses, averageSatisfaction (1–5), satisfied (answers of 4 or 5), csat = satisfied / responses, ' +
    `and how many latest answers confirmed or disputed the resolution. ${SCOPE}`,
} as const;
