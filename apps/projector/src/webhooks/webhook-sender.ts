/** One HTTP delivery: what was sent and what came back. */
export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export type WebhookResult = { ok: true; status: number } | { ok: false; error: string };

export type WebhookSender = (request: WebhookRequest) => Promise<WebhookResult>;

/**
 * POSTs the body and counts only a 2xx answer within the timeout as delivered. Redirects are not
 * followed (a signed body must not be re-sent to a place the subscriber did not register), and the
 * receiver's answer body is discarded unread.
 */
export const sendWebhook: WebhookSender = async (request) => {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), request.timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: abort.signal,
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, error: `HTTP ${response.status}` };
  } catch (error) {
    if (abort.signal.aborted) return { ok: false, error: `no answer within ${request.timeoutMs} ms` };
    return { ok: false, error: describeFetchError(error) };
  } finally {
    clearTimeout(timer);
  }
};

/** fetch hides the useful part (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code
    ? `${error.message}: ${cause.code}`
    : cause?.message
      ? `${error.message}: ${cause.message}`
      : error.message;
}
