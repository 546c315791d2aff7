/**
 * A progress bar for long CLI work. On a terminal it redraws one line; elsewhere (CI, files) it
 * prints a plain line at most every few seconds so logs stay readable.
 */
export interface Progress {
  /** Advance by `n` units (default 1). */
  tick(n?: number): void;
  /** Known total, when it becomes known (e.g. after counting). */
  setTotal(total: number): void;
  done(): void;
}

export interface ProgressOptions {
  label: string;
  total?: number;
  unit?: string;
  stream?: NodeJS.WriteStream;
  now?: () => number;
}

const BAR_WIDTH = 28;
const PLAIN_INTERVAL_MS = 5000;
const TTY_INTERVAL_MS = 100;

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => Date.now());
  const interactive = Boolean(stream.isTTY);
  const started = now();
  let total = options.total;
  let count = 0;
  let lastDraw = 0;

  const render = (): string => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const rate = Math.round(count / seconds);
    const unit = options.unit ?? 'items';
    if (!total) return `${options.label} ${count} ${unit} (${rate}/s)`;
    const ratio = Math.min(count / total, 1);
    const filled = Math.round(ratio * BAR_WIDTH);
    const eta = rate > 0 ? Math.ceil((total - count) / rate) : 0;
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    return `${options.label} ${bar} ${(ratio * 100).toFixed(1)}% ${count}/${total} ${unit} ${rate}/s eta ${eta}s`;
  };
  const draw = (force = false) => {
    const at = now();
    if (!force && at - lastDraw < (interactive ? TTY_INTERVAL_MS : PLAIN_INTERVAL_MS)) return;
    lastDraw = at;
    stream.write(interactive ? `\r\x1b[2K${render()}` : `${render()}\n`);
  };

  return {
    tick(n = 1) {
      count += n;
      draw();
    },
    setTotal(value) {
      total = value;
    },
    done() {
      draw(true);
      if (interactive) stream.write('\n');
    },
  };
}
