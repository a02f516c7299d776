/**
 * What a start has opened, each with its close, registered as it is opened. A start that fails
 * part-way closes what it had opened, the last first, and throws its own error; the running
 * server's `close()` is the same unwinding. So nothing a failed start opened — a database, a
 * feed, a timer, a socket — is left holding the process.
 */
export class CleanupStack {
  private readonly closers: { what: string; close: () => unknown }[] = [];
  private closing: Promise<void> | undefined;

  /** Registers how to close something just opened; returns it, so opening and registering read as one. */
  add<T>(what: string, resource: T, close: (resource: T) => unknown): T {
    this.closers.push({ what, close: () => close(resource) });
    return resource;
  }

  /**
   * Closes everything registered, the last opened first, once (a second call waits for the first).
   * Every close runs even when one before it fails; then the first failure is thrown, naming what failed.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      let failure: Error | undefined;
      for (const { what, close } of this.closers.splice(0).reverse()) {
        try {
          await close();
        } catch (cause) {
          failure ??= new Error(`closing ${what} failed`, { cause });
        }
      }
      if (failure) throw failure;
    })();
    return this.closing;
  }

  /** For a start that failed: closes what it opened and throws the start's own error, which a failure to close must not hide. */
  async abandon(err: unknown): Promise<never> {
    await this.close().catch(() => undefined);
    throw err;
  }
}
