/**
 * Timers and held sockets of a running emulator, so `close()` leaves nothing
 * behind. Exports: `Lifecycle`.
 */
import type { Socket } from 'node:net';

/** Tracks every timer the emulator starts; `shutdown` cancels them all. */
export class Lifecycle {
  #closed = false;
  readonly #pending = new Map<NodeJS.Timeout, () => void>();

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Waits `ms` (fault latency). Resolves early when the emulator shuts down;
   * callers check `closed` afterwards and stop.
   */
  sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.#closed) return Promise.resolve();
    return new Promise((resolve) => this.#schedule(ms, resolve));
  }

  /** Holds a socket without answering, then destroys it (a hung drop-after-commit). */
  holdThenDestroy(socket: Socket, ms: number): void {
    if (this.#closed) {
      socket.destroy();
      return;
    }
    this.#schedule(ms, () => socket.destroy());
  }

  /** Cancels every timer, running each one's action at once (resolve / destroy). */
  shutdown(): void {
    this.#closed = true;
    for (const [timer, action] of this.#pending) {
      clearTimeout(timer);
      action();
    }
    this.#pending.clear();
  }

  #schedule(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.#pending.delete(timer);
      action();
    }, ms);
    this.#pending.set(timer, action);
  }
}
