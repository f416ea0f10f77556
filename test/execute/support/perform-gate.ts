/**
 * A pass-through RequestGate for the tests of performing an operation: it
 * sends each request at once, can be made to refuse (as the real gate does when
 * its breaker gives up or it is closed), and lets a test react to failures.
 */
import type { GateStats, RequestGate } from '../../../src/execute/types.js';

export class PassThroughGate implements RequestGate {
  /** What `degraded` answers. */
  degraded = false;
  /** What `gaveUp` answers. */
  gaveUp = false;
  /** When set, every `run` rejects with it before sending anything. */
  refuseWith: Error | null = null;
  /** Called with each request's failure before it is rethrown. */
  onFailure: ((error: unknown) => void | Promise<void>) | null = null;
  /** Requests sent. */
  sent = 0;

  async run<T>(request: () => Promise<T>): Promise<T> {
    if (this.refuseWith !== null) throw this.refuseWith;
    this.sent += 1;
    try {
      return await request();
    } catch (error) {
      await this.onFailure?.(error);
      throw error;
    }
  }

  stats(): GateStats {
    return {
      requests: this.sent,
      rateLimited: 0,
      rateLimitWaitMs: 0,
      currentRate: 0,
      breakerOpenings: 0,
    };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
