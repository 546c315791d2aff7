/**
 * CFPB issues → our taxonomy (libs/domain/src/taxonomy). The CFPB classifies by product and issue;
 * the issue says what went wrong, which is what our categories describe, so the mapping is by issue
 * (the same issue under two products maps alike; the product is kept as the complaint's productRef).
 *
 * The table is grouped by our subcategory: "these CFPB issues are, in our terms, this". It covers
 * the issues of the current product set (since April 2017) and the common ones from before. The
 * reading behind the less obvious rows:
 * - A credit report is the product a bureau delivers: wrong data in it is a defect of that unit
 *   (manufacturing_defect); a report or score that cannot be obtained was not delivered.
 * - Debts not owed, wrong charges and payments not credited are billing errors; unexpected fees and
 *   overdraft charges are unclear fees.
 * - Threats and pressure are unprofessional conduct; misuse or sharing of the consumer's data breaks
 *   the trust the consumer gave (broken_promise); deception and scams are misleading advertising.
 * - Hardship ("struggling to pay") asks for an arrangement fitted to the consumer (no_personalization).
 * - Applications and closings that drag are the product not being "produced" on time.
 *
 * Issues not in the table fall back to FALLBACK (service / poor_resolution: whatever else it is, a
 * CFPB complaint says the company did not solve the consumer's problem). The import report counts
 * the records that used the fallback, per issue, so the table can grow where real files need it.
 */
import type { Category, SubcategoryOf } from '#domain';

export type Classification = { [C in Category]: { category: C; subcategory: SubcategoryOf<C> } }[Category];

const as = <C extends Category>(category: C, subcategory: SubcategoryOf<C>) =>
  ({ category, subcategory }) as Classification;

export const FALLBACK: Classification = as('service', 'poor_resolution');

const TABLE: readonly (readonly [Classification, readonly string[]])[] = [
  [
    as('product_quality', 'manufacturing_defect'),
    ['Incorrect information on your report', 'Incorrect information on credit report'],
  ],
  [
    as('product_quality', 'performance_instability'),
    [
      'Credit monitoring or identity theft protection services',
      'Identity theft protection or other monitoring services',
      'Trouble using your card',
      'Trouble using the card',
      'Using a debit or ATM card',
    ],
  ],
  [
    as('product_quality', 'labeling'),
    [
      'Written notification about debt',
      'Disclosure verification of debt',
      'Confusing or missing disclosures',
      'Billing statement',
    ],
  ],
  [
    as('service', 'poor_resolution'),
    [
      "Problem with a credit reporting company's investigation into an existing problem",
      "Problem with a company's investigation into an existing issue",
      "Problem with a company's investigation into an existing problem",
      "Credit reporting company's investigation",
      'Dealing with your lender or servicer',
      'Dealing with my lender or servicer',
      'Problem with customer service',
      'Customer service / Customer relations',
    ],
  ],
  [as('service', 'slow_response'), ["Can't contact lender or servicer", "Can't contact lender"]],
  [as('service', 'attitude'), ['Communication tactics']],
  [
    as('service', 'unprofessional'),
    [
      'Took or threatened to take negative or legal action',
      'Taking/threatening an illegal action',
      'Vehicle was damaged or destroyed the vehicle',
    ],
  ],
  [
    as('service', 'inefficiency'),
    [
      'Managing an account',
      'Closing an account',
      'Closing your account',
      'Opening an account',
      'Problem getting a card or closing an account',
      'Account opening, closing, or management',
      'Managing, opening, or closing your mobile wallet account',
      'Managing the loan or lease',
      'Loan servicing, payments, escrow account',
      'Loan modification,collection,foreclosure',
      'Closing/Cancelling account',
      'Deposits and withdrawals',
    ],
  ],
  [
    as('service', 'no_personalization'),
    [
      'Struggling to pay mortgage',
      'Struggling to repay your loan',
      'Struggling to pay your loan',
      'Struggling to pay your bill',
      'Problems when you are unable to pay',
      "Can't repay my loan",
    ],
  ],
  [
    as('delivery', 'production_delay'),
    [
      'Applying for a mortgage or refinancing an existing mortgage',
      'Applying for a mortgage',
      'Closing on a mortgage',
      'Getting a credit card',
      'Getting a loan',
      'Getting the loan',
      'Getting a line of credit',
      'Getting a loan or lease',
      'Shopping for a loan or lease',
      'Application processing delay',
      'Application, originator, mortgage broker',
    ],
  ],
  [
    as('delivery', 'logistics_delay'),
    [
      'Unable to get your credit report or credit score',
      'Unable to get credit report/credit score',
      'Money was not available when promised',
      'Lost or stolen money order',
      "Was approved for a loan, but didn't receive money",
    ],
  ],
  [
    as('transaction', 'billing_error'),
    [
      'Attempts to collect debt not owed',
      "Cont'd attempts collect debt not owed",
      'Trouble during payment process',
      'Problem with a purchase shown on your statement',
      'Problem when making payments',
      "Loan payment wasn't credited to your account",
      'Making/receiving payments, sending money',
      'Problem adding money',
      'Problem with a lender or other company charging your account',
      'Problem with a purchase or transfer',
      'Unauthorized transactions or other transaction problem',
      "Received a loan you didn't apply for",
      'Problems at the end of the loan or lease',
      'Problem with the payoff process at the end of the loan',
      'Payoff process',
      'Billing disputes',
      'Transaction issue',
    ],
  ],
  [
    as('transaction', 'unclear_fees'),
    [
      'Fees or interest',
      "Charged fees or interest you didn't expect",
      "Charged fees or interest I didn't expect",
      'Unexpected or other fees',
      'Excessive fees',
      'Problem caused by your funds being low',
      'Problems caused by my funds being low',
      'Problem with additional add-on products or services',
      'Settlement process and costs',
      'Late fee',
      'Other fee',
      'APR or interest rate',
    ],
  ],
  [
    as('transaction', 'promotion_misunderstanding'),
    ['Advertising and marketing, including promotional offers', 'Rewards'],
  ],
  [
    as('integrity', 'misleading_advertising'),
    [
      'False statements or representation',
      'Fraud or scam',
      'Advertising',
      'Confusing or misleading advertising or marketing',
    ],
  ],
  [
    as('integrity', 'broken_promise'),
    [
      'Improper use of your report',
      'Improper use of my credit report',
      'Threatened to contact someone or share information improperly',
      'Improper contact or sharing of info',
      'Identity theft / Fraud / Embezzlement',
      'Credit limit changed',
      'Credit line increase/decrease',
    ],
  ],
  [as('technical_support', 'setup_help'), ['Problem with fraud alerts or security freezes']],
];

/** Case, spacing and typographic apostrophes do not matter. */
export function normalizeIssue(issue: string): string {
  return issue
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase();
}

const BY_ISSUE: ReadonlyMap<string, Classification> = new Map(
  TABLE.flatMap(([classification, issues]) => issues.map((issue) => [normalizeIssue(issue), classification] as const)),
);

/** The issue's classification, or undefined when the table does not know it (the caller falls back). */
export function classifyIssue(issue: string): Classification | undefined {
  return BY_ISSUE.get(normalizeIssue(issue));
}

/** Every issue the table maps, for tests and documentation. */
export const MAPPED_ISSUES: readonly string[] = TABLE.flatMap(([, issues]) => issues);
