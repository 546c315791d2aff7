/**
 * At most `size` writes in flight. `submit` waits only when the pool is full, so a producer that
 * parses ahead is held back by the slowest writer and memory stays flat whatever the file size.
 * The first failure is kept and thrown to the producer (at its next submit or at drain) once the
 * writes still in flight have finished, so nothing runs on behind the caller's back.
 */
export class WriterPool {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('a writer pool needs at least one writer');
  }

  async submit(write: () => Promise<void>): Promise<void> {
    await this.throwIfFailed();
    while (this.inFlight.size >= this.size) {
      await Promise.race(this.inFlight);
      await this.throwIfFailed();
    }
    const running: Promise<void> = write()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  /** Waits for every write in flight; throws the first failure, if any. */
  async drain(): Promise<void> {
    await this.settle();
    await this.throwIfFailed();
  }

  /** Waits for every write in flight, whatever their outcome. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
  }

  private async throwIfFailed(): Promise<void> {
    if (!this.failure) return;
    await this.settle();
    throw this.failure.error;
  }
}
