/**
 * A small Server-Sent Events client for tests, on node:http so a test controls the socket: it can
 * stop reading (back-pressure) or cut the connection at any byte. Parses the stream as EventSource
 * does: a message is dispatched at its blank line; a cut-off partial message is dropped.
 */
import { type IncomingMessage, request } from 'node:http';

export interface SseMessage {
  id: string;
  event: string;
  data: string;
}

export class SseClient {
  readonly messages: SseMessage[] = [];
  readonly comments: string[] = [];
  /** What EventSource would send as Last-Event-ID on reconnecting. */
  lastEventId: string | undefined;
  bytesReceived = 0;
  ended = false;
  private buffer = '';
  private pending: Partial<SseMessage> = {};
  private readonly listeners = new Set<() => void>();

  private constructor(readonly response: IncomingMessage) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.receive(chunk));
    response.on('close', () => {
      this.ended = true;
      this.notify();
    });
  }

  /** Resolves once the response headers arrived; a non-SSE answer rejects with its status and body. */
  static connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const outgoing = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
        if (response.statusCode === 200) return resolve(new SseClient(response));
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () =>
          reject(Object.assign(new Error(`HTTP ${response.statusCode}`), { status: response.statusCode, body })),
        );
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
  }

  /** Called after every received chunk; cutting the connection from here cuts it mid-stream. */
  onChunk?: (client: SseClient) => void;

  waitFor(done: (client: SseClient) => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    if (done(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!done(this)) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`SSE: timed out waiting for ${what} (${this.messages.length} messages so far)`));
      }, timeoutMs);
      this.listeners.add(check);
    });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read events loosely
  json<T = any>(): T[] {
    return this.messages.map((message) => JSON.parse(message.data) as T);
  }

  close(): void {
    this.response.destroy();
  }

  private receive(chunk: string): void {
    this.bytesReceived += Buffer.byteLength(chunk);
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, newline).replace(/\r$/, '');
      this.buffer = this.buffer.slice(newline + 1);
      this.line(line);
    }
    this.notify();
    this.onChunk?.(this);
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return void this.comments.push(line.slice(1).trim());
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data')
      this.pending.data = this.pending.data === undefined ? value : `${this.pending.data}\n${value}`;
    else if (field === 'id') this.pending.id = value;
    else if (field === 'event') this.pending.event = value;
  }

  private dispatch(): void {
    const { id, event, data } = this.pending;
    this.pending = {};
    if (id !== undefined) this.lastEventId = id;
    if (data !== undefined) this.messages.push({ id: id ?? this.lastEventId ?? '', event: event ?? 'message', data });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
