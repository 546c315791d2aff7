/** One valid command of every type, for table-driven specs (e.g. "nothing happens to a closed complaint"). */
import type { ComplaintCommand } from '../complaint/commands.js';
import { COMPLAINT_ID } from './fixtures.js';

type CommandOfType<T extends ComplaintCommand['type']> = Extract<ComplaintCommand, { type: T }>;

export const receiveCommand = (
  over: Partial<CommandOfType<'ReceiveComplaint'>['data']> = {},
): CommandOfType<'ReceiveComplaint'> => ({
  type: 'ReceiveComplaint',
  data: {
    complaintId: COMPLAINT_ID,
    channel: 'phone',
    customer: { id: 'customer-42', name: 'Li Wei', email: 'li.wei@example.com' },
    subject: 'Kettle leaks',
    description: 'The kettle leaks from the base after two weeks.',
    intensity: 'passive',
    purpose: 'criticism',
    ...over,
  },
});

export const ONE_OF_EACH_COMMAND: { [T in ComplaintCommand['type']]: CommandOfType<T> } = {
  ReceiveComplaint: receiveCommand(),
  AcknowledgeComplaint: { type: 'AcknowledgeComplaint', data: { how: 'email' } },
  CategorizeComplaint: {
    type: 'CategorizeComplaint',
    data: { category: 'service', subcategory: 'attitude', severity: 'low', impact: 'individual' },
  },
  AssignComplaint: { type: 'AssignComplaint', data: { team: 'customer-service', ownerId: 'agent-bob' } },
  ValidateComplaint: { type: 'ValidateComplaint', data: { reason: 'Evidence provided' } },
  RejectComplaint: { type: 'RejectComplaint', data: { reason: 'Outside warranty by misuse' } },
  LogCustomerContact: {
    type: 'LogCustomerContact',
    data: { direction: 'outbound', channel: 'phone', summary: 'Update given' },
  },
  AwaitCustomer: { type: 'AwaitCustomer', data: { reason: 'Need the receipt' } },
  ResumeComplaint: { type: 'ResumeComplaint', data: { reason: 'Receipt arrived' } },
  IdentifyRootCause: {
    type: 'IdentifyRootCause',
    data: {
      fishboneClass: 'method',
      whys: ['No checklist'],
      correctiveAction: 'Add checklist',
      preventiveAction: 'Audit',
    },
  },
  EscalateComplaint: { type: 'EscalateComplaint', data: { tier: 3, reason: 'regulator' } },
  OfferCompensation: {
    type: 'OfferCompensation',
    data: { compensationId: 'c-9', kind: 'voucher', amount: 1000, currency: 'EUR' },
  },
  ApproveCompensation: { type: 'ApproveCompensation', data: { compensationId: 'c-1' } },
  DeclineCompensation: { type: 'DeclineCompensation', data: { compensationId: 'c-1', reason: 'Refused' } },
  PayCompensation: { type: 'PayCompensation', data: { compensationId: 'c-1', amount: 100 } },
  ResolveComplaint: { type: 'ResolveComplaint', data: { summary: 'Fixed', planSteps: [] } },
  RecordCustomerResponse: { type: 'RecordCustomerResponse', data: { outcome: 'confirmed', satisfaction: 4 } },
  ReopenComplaint: { type: 'ReopenComplaint', data: { reason: 'Came back' } },
  CloseComplaint: { type: 'CloseComplaint', data: { closureCode: 'withdrawn' } },
  RaiseSlaWarning: { type: 'RaiseSlaWarning', data: { target: 'first_response' } },
  RecordSlaBreach: { type: 'RecordSlaBreach', data: { target: 'first_response' } },
  EscalateOnSignal: { type: 'EscalateOnSignal', data: { signal: 'regulator_channel' } },
};
