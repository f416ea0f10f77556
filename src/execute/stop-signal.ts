/**
 * The run's stop request, shared by the executor and every operation: once
 * requested, no new operation or attempt starts and backoff waits end early.
 */
import type { StopReason } from './executor.js';

export class StopSignal {
  #reason: StopReason | null = null;
  readonly #sleepers = new Set<() => void>();

  get requested(): boolean {
    return this.#reason !== null;
  }

  /** The first reason given; null until a stop is requested. */
  get reason(): StopReason | null {
    return this.#reason;
  }

  readonly #listeners: (() => void)[] = [];

  /** Asks the run to stop; the first reason is kept. Wakes every waiting backoff. */
  request(reason: StopReason): void {
    const first = this.#reason === null;
    this.#reason ??= reason;
    for (const wake of this.#sleepers) wake();
    this.#sleepers.clear();
    if (first) for (const listener of this.#listeners.splice(0)) listener();
  }

  /** Calls `listener` once when a stop is requested (at once if it already was). */
  onStop(listener: () => void): void {
    if (this.requested) listener();
    else this.#listeners.push(listener);
  }

  /** Waits `ms`, or less if a stop is requested meanwhile. */
  sleep(ms: number): Promise<void> {
    if (this.requested || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.#sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#sleepers.add(wake);
    });
  }
}
