/**
 * Waits `ms`, or less when `signal` aborts. Its listener leaves the signal when the wait ends
 * either way: a loop that retries on a long-lived signal (a link down for hours) would otherwise
 * leave one listener per retry on it (Node's MaxListenersExceededWarning at the eleventh).
 */
export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const wake = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal.addEventListener('abort', wake, { once: true });
  });
}
