import type { Pool } from 'undici';
import { agent } from '../support/complaint-requests.js';

/** One intake as an agent sends it: the same body every time (the customer is always known). */
const BODY = JSON.stringify({
  channel: 'web_form',
  customer: { id: 'cust-42', name: 'Maria Silva', email: 'maria@example.com' },
  subject: 'Charged twice for one order',
  description: 'My card statement shows two identical charges of 59.90 for order 5521 on the same day.',
  intensity: 'passive',
  purpose: 'criticism',
});

/**
 * `POST /complaints` at a steady rate: one request started every 1000/rate ms on schedule, whether
 * or not earlier ones have answered (an open-loop load, as traffic arrives, not a closed loop that
 * slows down with the server).
 */
export async function pacedIntake(
  http: Pool,
  perSecond: number,
  durationMs: number,
): Promise<{ posts: number; errors: number }> {
  const total = Math.round((perSecond * durationMs) / 1000);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  let errors = 0;
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / perSecond - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const headers = { 'content-type': 'application/json', ...agent };
    inFlight.push(
      http
        .request({ method: 'POST', path: '/complaints', body: BODY, headers })
        .then(async (response) => {
          await response.body.dump();
          if (response.statusCode !== 201) errors++;
        })
        .catch(() => void errors++),
    );
  }
  await Promise.all(inFlight);
  return { posts: total, errors };
}
