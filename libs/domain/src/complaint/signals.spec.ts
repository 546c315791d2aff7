import {
  categorized,
  contacted,
  disputed,
  EARLIER,
  NOW,
  received,
  resolved,
  triaged,
  awaiting,
  closed,
  acknowledged,
} from '../testing/fixtures.js';
import { fold } from './evolve.js';
import { escalationSignals, SIGNAL_REASONS } from './signals.js';
import { initialState } from './state.js';

const HOUR = 60 * 60 * 1000;
const hoursAfter = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR);

describe('escalation signals', () => {
  test('a fresh, ordinary complaint shows no signal', () => {
    expect(escalationSignals(fold(triaged()), NOW)).toEqual([]);
  });

  test('a customer who has heard nothing for more than 24 hours is a signal', () => {
    expect(escalationSignals(fold([received()]), hoursAfter(EARLIER, 24))).toEqual([]);
    expect(escalationSignals(fold([received()]), hoursAfter(EARLIER, 24.01))).toEqual(['no_update_24h']);
  });

  test('an outbound contact is an update that restarts the 24 hours', () => {
    const state = fold([received(), contacted('outbound', hoursAfter(EARLIER, 20).toISOString())]);
    expect(escalationSignals(state, hoursAfter(EARLIER, 30))).toEqual([]);
  });

  test('no update is owed while waiting on the customer or after the resolution', () => {
    expect(escalationSignals(fold([...triaged(), awaiting()]), hoursAfter(EARLIER, 72))).toEqual([]);
    expect(escalationSignals(fold([...triaged(), resolved()]), hoursAfter(EARLIER, 72))).toEqual([]);
  });

  test('negative publicity or radical behaviour is a public-exposure signal', () => {
    for (const intensity of ['negative_publicity', 'radical'] as const) {
      expect(escalationSignals(fold([received({ intensity })]), NOW)).toEqual(['public_intensity']);
    }
  });

  test('a regulator referral is a signal', () => {
    expect(escalationSignals(fold([received({ channel: 'regulator_referral' })]), NOW)).toEqual(['regulator_channel']);
  });

  test('three inbound contacts within 7 days are a signal; older ones do not count', () => {
    const at = (hours: number) => hoursAfter(EARLIER, hours).toISOString();
    const three = [
      received(),
      acknowledged(),
      contacted('inbound', at(0)),
      contacted('inbound', at(1)),
      contacted('inbound', at(2)),
    ];
    expect(escalationSignals(fold(three), hoursAfter(EARLIER, 3))).toContain('repeat_contact');
    expect(escalationSignals(fold(three), hoursAfter(EARLIER, 7 * 24 + 0.5))).not.toContain('repeat_contact');
  });

  test('a disputed resolution is a signal', () => {
    expect(escalationSignals(fold([...triaged(), resolved(), disputed()]), NOW)).toEqual(['disputed_resolution']);
  });

  test('a safety hazard is a signal', () => {
    const state = fold([received(), categorized({ subcategory: 'safety_hazard', priority: 'P1' })]);
    expect(escalationSignals(state, NOW)).toEqual(['safety_hazard']);
  });

  test('a closed or unknown complaint shows no signal', () => {
    expect(escalationSignals(fold([received({ channel: 'regulator_referral' }), closed('withdrawn')]), NOW)).toEqual(
      [],
    );
    expect(escalationSignals(initialState, NOW)).toEqual([]);
  });

  test('every signal suggests an escalation reason', () => {
    expect(Object.values(SIGNAL_REASONS)).toEqual([
      'manual',
      'public-exposure',
      'regulator',
      'repeat-contact',
      'dispute',
      'safety',
    ]);
  });
});
