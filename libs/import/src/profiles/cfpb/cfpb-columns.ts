/**
 * The CFPB Consumer Complaint Database export (https://www.consumerfinance.gov/data-research/consumer-complaints/):
 * its columns and the closed vocabularies of the ones we map. Values outside these lists mean a
 * shifted or garbled record, or another format: the record is rejected, not guessed at.
 */
import type { Channel } from '#domain';

export const COLUMNS = {
  received: 'Date received',
  product: 'Product',
  subProduct: 'Sub-product',
  issue: 'Issue',
  subIssue: 'Sub-issue',
  narrative: 'Consumer complaint narrative',
  publicResponse: 'Company public response',
  company: 'Company',
  submittedVia: 'Submitted via',
  sent: 'Date sent to company',
  companyResponse: 'Company response to consumer',
  timely: 'Timely response?',
  disputed: 'Consumer disputed?',
  complaintId: 'Complaint ID',
} as const;

/** Every product name the database has used, current (since April 2017) and earlier. */
export const PRODUCTS: ReadonlySet<string> = new Set([
  'Credit reporting, credit repair services, or other personal consumer reports',
  'Credit reporting or other personal consumer reports',
  'Debt collection',
  'Debt or credit management',
  'Checking or savings account',
  'Credit card or prepaid card',
  'Credit card',
  'Prepaid card',
  'Mortgage',
  'Student loan',
  'Vehicle loan or lease',
  'Money transfer, virtual currency, or money service',
  'Payday loan, title loan, or personal loan',
  'Payday loan, title loan, personal loan, or advance loan',
  'Bank account or service',
  'Consumer Loan',
  'Credit reporting',
  'Money transfers',
  'Other financial service',
  'Payday loan',
  'Virtual currency',
]);

/** `Submitted via` → our channel. A referral comes from another regulator or agency. */
export const CHANNEL_OF: Readonly<Record<string, Channel>> = {
  Web: 'web_form',
  'Web Referral': 'regulator_referral',
  Referral: 'regulator_referral',
  Phone: 'phone',
  'Postal mail': 'postal_mail',
  Fax: 'fax',
  Email: 'email',
};

/**
 * `Company response to consumer`. `relief` is the compensation kind it implies: monetary relief is
 * money back (refund); non-monetary relief is something done for the consumer instead, such as a
 * corrected report or a stopped collection (extra_service).
 */
export type CompanyResponse =
  { outcome: 'closed'; relief?: 'refund' | 'extra_service' } | { outcome: 'in_progress' } | { outcome: 'untimely' };

export const RESPONSE_OF: Readonly<Record<string, CompanyResponse>> = {
  'Closed with explanation': { outcome: 'closed' },
  'Closed with monetary relief': { outcome: 'closed', relief: 'refund' },
  'Closed with non-monetary relief': { outcome: 'closed', relief: 'extra_service' },
  Closed: { outcome: 'closed' },
  'In progress': { outcome: 'in_progress' },
  'Untimely response': { outcome: 'untimely' },
};

export const YES_NO: Readonly<Record<string, boolean>> = { Yes: true, No: false };

/** `Consumer disputed?`: only Yes counts; the CFPB stopped asking in April 2017 (then N/A or empty). */
export const DISPUTED_OF: Readonly<Record<string, boolean>> = { Yes: true, No: false, 'N/A': false, '': false };
