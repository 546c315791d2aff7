import type { ServerResponse } from 'node:http';

/**
 * One Server-Sent Events response, written straight to the socket with back-pressure: `send`
 * resolves only once Node's buffer for this response is below its high-water mark again (or the
 * client left), so whoever awaits it pulls the next event only when the client keeps up. Node's
 * buffer therefore never holds more than highWaterMark (16 KiB) plus one message.
 */
export class SseStream {
  private lastWriteAt = Date.now();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly response: ServerResponse,
    private readonly signal: AbortSignal,
    heartbeatMs: number,
    /** The id a heartbeat may carry: the newest position examined, when it is past the last sent one. */
    private readonly resumePoint: () => string | undefined,
  ) {
    this.heartbeat = setInterval(() => this.beat(heartbeatMs), Math.max(10, Math.floor(heartbeatMs / 2)));
    this.heartbeat.unref();
    signal.addEventListener('abort', () => clearInterval(this.heartbeat), { once: true });
  }

  /** Status line and headers; `retry:` tells EventSource how long to wait before reconnecting. */
  open(headers: Record<string, string | number | string[]>, retryMs: number): void {
    this.response.socket?.setNoDelay(true);
    this.response.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no', // tells nginx-like proxies not to buffer the stream
    });
    this.response.write(`retry: ${retryMs}\n\n`);
  }

  async send(id: string, event: string, data: string): Promise<void> {
    await this.write(`id: ${id}\nevent: ${event}\ndata: ${data}\n\n`);
  }

  /** Bytes accepted by this response but not yet handed to the kernel. */
  get bufferedBytes(): number {
    return this.response.writableLength;
  }

  end(): void {
    clearInterval(this.heartbeat);
    if (!this.response.writableEnded) this.response.end();
  }

  private async write(chunk: string): Promise<void> {
    if (this.signal.aborted || this.response.writableEnded) return;
    this.lastWriteAt = Date.now();
    if (!this.response.write(chunk)) await drained(this.response, this.signal);
  }

  /** Only on a quiet line, and never onto a full buffer: a blocked client needs no more bytes. */
  private beat(heartbeatMs: number): void {
    if (Date.now() - this.lastWriteAt < heartbeatMs || this.response.writableNeedDrain) return;
    if (this.signal.aborted || this.response.writableEnded) return;
    const id = this.resumePoint();
    this.lastWriteAt = Date.now();
    this.response.write(id === undefined ? ': heartbeat\n\n' : `: heartbeat\nid: ${id}\n\n`);
  }
}

function drained(response: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
    signal.addEventListener('abort', done, { once: true });
  });
}
