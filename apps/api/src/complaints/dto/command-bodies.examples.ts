/**
 * One complete, valid body per command, for the OpenAPI document. The OpenAPI test validates each
 * against its DTO (whitelist, forbidNonWhitelisted), so an example cannot drift from what is accepted.
 */
import { EXAMPLE_COMPLAINT_ID } from '../../openapi/example-values.js';
import type {
  ApproveCompensationDto,
  DeclineCompensationDto,
  OfferCompensationDto,
  PayCompensationDto,
} from './compensation.dto.js';
import type {
  EscalateComplaintDto,
  IdentifyRootCauseDto,
  LogCustomerContactDto,
  ResumeComplaintDto,
} from './handling.dto.js';
import type {
  AcknowledgeComplaintDto,
  AssignComplaintDto,
  CategorizeComplaintDto,
  ReasonDto,
  ReceiveComplaintDto,
} from './intake.dto.js';
import type { CloseComplaintDto, CustomerResponseDto, ResolveComplaintDto } from './outcome.dto.js';

export const RECEIVE_BODY: ReceiveComplaintDto = {
  complaintId: EXAMPLE_COMPLAINT_ID,
  channel: 'email',
  customer: { id: 'cust-2002', name: 'Ana Souza', email: 'ana.souza@example.com', phone: '+351 21 555 0102' },
  subject: 'Blender jar cracked on first use',
  description: 'The jar of the BL-310 blender cracked along its base the first time it ran. Order B-1042.',
  productRef: 'BL-310',
  orderRef: 'B-1042',
  occurredAt: '2026-11-07T18:30:00.000Z',
  remedySought: 'A new jar or a refund',
  intensity: 'passive',
  purpose: 'criticism',
};

export const ACKNOWLEDGE_BODY: AcknowledgeComplaintDto = {
  how: 'email',
  message: 'We have received your complaint and will answer within two working days.',
};

export const CATEGORIZE_BODY: CategorizeComplaintDto = {
  category: 'product_quality',
  subcategory: 'manufacturing_defect',
  severity: 'high',
  impact: 'individual',
};

export const ASSIGN_BODY: AssignComplaintDto = { team: 'quality', ownerId: 'agent-7' };

export const VALIDATE_BODY: ReasonDto = { reason: 'Defect confirmed on the photos the customer sent' };
export const REJECT_BODY: ReasonDto = { reason: 'The blender was bought from another retailer' };
export const AWAIT_CUSTOMER_BODY: ReasonDto = { reason: 'Asked the customer for a photo of the type plate' };
export const REOPEN_BODY: ReasonDto = { reason: 'The replacement jar cracked as well' };

export const CONTACT_BODY: LogCustomerContactDto = {
  direction: 'outbound',
  channel: 'phone',
  summary: 'Explained the replacement; the customer will send the cracked jar back',
  mood: 'calm',
};

export const RESUME_BODY: ResumeComplaintDto = { reason: 'The customer sent the photo' };

export const ROOT_CAUSE_BODY: IdentifyRootCauseDto = {
  fishboneClass: 'material',
  whys: ['The jar cracked at its base', 'The wall there was too thin', 'The mould of batch 42 was worn'],
  correctiveAction: 'Replace the jars of batch 42 on request',
  preventiveAction: 'Measure the wall thickness of every new batch',
};

export const ESCALATE_BODY: EscalateComplaintDto = {
  tier: 2,
  reason: 'repeat-contact',
  note: 'Third call this week',
};

export const OFFER_BODY: OfferCompensationDto = { kind: 'refund', amount: 4999, currency: 'EUR' };
export const APPROVE_BODY: ApproveCompensationDto = { approvedAmount: 4999 };
export const DECLINE_BODY: DeclineCompensationDto = { reason: 'A replacement was sent instead' };
export const PAY_BODY: PayCompensationDto = { amount: 4999, paymentRef: 'PAY-2026-00017' };

export const RESOLVE_BODY: ResolveComplaintDto = {
  summary: 'Sent a new jar and refunded the shipping costs',
  planSteps: ['Ship a new jar', 'Refund the shipping costs'],
};

export const CUSTOMER_RESPONSE_BODY: CustomerResponseDto = {
  outcome: 'confirmed',
  satisfaction: 4,
  comment: 'Quick replacement, thank you',
};

export const CLOSE_BODY: CloseComplaintDto = {
  closureCode: 'resolved',
  lessons: {
    situation: 'Jars of batch 42 cracked on first use',
    task: 'Replace them and find the cause',
    action: 'Replaced on request; traced the fault to a worn mould',
    result: 'Customer satisfied; the mould was replaced',
    lesson: 'Check the moulds’ wear on a schedule',
  },
};
