/**
 * Which operation of a run may go next. Operations wait for the ones they
 * depend on; a failure skips only its dependents; ready work is taken from the
 * tenants in turn, so that one customer with a thousand locations does not
 * hold up the others.
 */
import type { OperationStatus } from '../checkpoint/run-types.js';

/** What the graph needs of an operation. */
export interface GraphNode {
  id: string;
  tenant: string;
  dependsOn: readonly string[];
  status: OperationStatus;
}

const DONE: ReadonlySet<OperationStatus> = new Set(['succeeded', 'adopted']);
const BROKEN: ReadonlySet<OperationStatus> = new Set(['failed', 'skipped']);

/** A node that can no longer run, and the dependency that stopped it. */
export interface Skip {
  id: string;
  because: string;
}

export class WorkGraph {
  readonly #nodes = new Map<string, GraphNode>();
  /** Dependency id to the ids of the open nodes waiting on it. */
  readonly #waiting = new Map<string, string[]>();
  /** Open nodes per dependency count still unmet. */
  readonly #unmet = new Map<string, number>();
  /** Ready ids per tenant, in the order they became ready. */
  readonly #ready = new Map<string, string[]>();
  /** Tenants with ready work, in turn order. */
  #turns: string[] = [];
  #readyCount = 0;

  /**
   * `nodes` in plan order. Open nodes (pending or in flight) whose dependency
   * already failed are returned by {@link initialSkips}; a dependency missing
   * from the run is a programming error.
   */
  constructor(nodes: readonly GraphNode[]) {
    for (const node of nodes) this.#nodes.set(node.id, { ...node });
    for (const node of this.#nodes.values()) {
      if (isOpen(node.status)) this.#connect(node);
    }
  }

  /** Operations that may start now. */
  get readyCount(): number {
    return this.#readyCount;
  }

  /** Open operations whose dependencies had failed before this graph was built. */
  initialSkips(): Skip[] {
    const skips: Skip[] = [];
    for (const node of this.#nodes.values()) {
      if (!isOpen(node.status)) continue;
      const broken = node.dependsOn.find((id) => BROKEN.has(this.#get(id).status));
      if (broken !== undefined) skips.push(...this.#skipFrom(node.id, broken));
    }
    return skips;
  }

  /** The next ready operation, the tenants taking turns; undefined when none is ready. */
  next(): string | undefined {
    const tenant = this.#turns.shift();
    if (tenant === undefined) return undefined;
    const queue = this.#ready.get(tenant) ?? [];
    const id = queue.shift();
    if (queue.length > 0) this.#turns.push(tenant);
    else this.#ready.delete(tenant);
    this.#readyCount -= 1;
    return id;
  }

  /** The operation succeeded or was adopted: its dependents may become ready. */
  succeeded(id: string): void {
    this.#close(id, 'succeeded');
    for (const waiter of this.#waiting.get(id) ?? []) {
      // A waiter skipped because another of its dependencies failed stays skipped.
      if (!isOpen(this.#get(waiter).status)) continue;
      const left = (this.#unmet.get(waiter) ?? 0) - 1;
      this.#unmet.set(waiter, left);
      if (left === 0) this.#makeReady(waiter);
    }
    this.#waiting.delete(id);
  }

  /** The operation failed: returns its open dependents, now skipped, transitively. */
  failed(id: string): Skip[] {
    this.#close(id, 'failed');
    return this.#skipDependents(id, id);
  }

  /** The operation stays open and goes back in line (its tenant's turn comes again). */
  requeue(id: string): void {
    this.#makeReady(id);
  }

  #connect(node: GraphNode): void {
    let unmet = 0;
    for (const dependency of node.dependsOn) {
      const status = this.#get(dependency).status;
      if (DONE.has(status)) continue;
      if (BROKEN.has(status)) return; // reported by initialSkips
      unmet += 1;
      const waiters = this.#waiting.get(dependency) ?? [];
      waiters.push(node.id);
      this.#waiting.set(dependency, waiters);
    }
    this.#unmet.set(node.id, unmet);
    if (unmet === 0) this.#makeReady(node.id);
  }

  #makeReady(id: string): void {
    const tenant = this.#get(id).tenant;
    const queue = this.#ready.get(tenant);
    if (queue === undefined) {
      this.#ready.set(tenant, [id]);
      this.#turns.push(tenant);
    } else queue.push(id);
    this.#readyCount += 1;
  }

  #close(id: string, status: OperationStatus): void {
    this.#get(id).status = status;
  }

  #skipFrom(id: string, because: string): Skip[] {
    const node = this.#get(id);
    if (!isOpen(node.status)) return [];
    this.#close(id, 'skipped');
    return [{ id, because }, ...this.#skipDependents(id, because)];
  }

  #skipDependents(id: string, because: string): Skip[] {
    const waiters = this.#waiting.get(id) ?? [];
    this.#waiting.delete(id);
    return waiters.flatMap((waiter) => this.#skipFrom(waiter, because));
  }

  #get(id: string): GraphNode {
    const node = this.#nodes.get(id);
    if (node === undefined) throw new Error(`operation ${id} is not part of this run`);
    return node;
  }
}

function isOpen(status: OperationStatus): boolean {
  return status === 'pending' || status === 'in-flight';
}
