import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../src/execute/work-graph.js';
import { WorkGraph } from '../../src/execute/work-graph.js';

const node = (
  id: string,
  tenant: string,
  dependsOn: string[] = [],
  status: GraphNode['status'] = 'pending',
): GraphNode => ({ id, tenant, dependsOn, status });

function drain(graph: WorkGraph): string[] {
  const order: string[] = [];
  for (let id = graph.next(); id !== undefined; id = graph.next()) order.push(id);
  return order;
}

describe('WorkGraph', () => {
  it('offers ready work from each tenant in turn', () => {
    const graph = new WorkGraph([
      node('a1', 'a'),
      node('a2', 'a'),
      node('a3', 'a'),
      node('b1', 'b'),
      node('c1', 'c'),
      node('c2', 'c'),
    ]);
    expect(graph.readyCount).toBe(6);
    expect(drain(graph)).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
    expect(graph.readyCount).toBe(0);
  });

  it('holds an operation until every dependency succeeded', () => {
    const graph = new WorkGraph([
      node('org', 't'),
      node('user', 't', ['org']),
      node('loc', 't', ['org', 'user']),
    ]);
    expect(drain(graph)).toEqual(['org']);
    graph.succeeded('org');
    expect(drain(graph)).toEqual(['user']);
    graph.succeeded('user');
    expect(drain(graph)).toEqual(['loc']);
  });

  it('skips the dependents of a failure transitively and nothing else', () => {
    const graph = new WorkGraph([
      node('a-org', 'a'),
      node('a-user', 'a', ['a-org']),
      node('a-loc', 'a', ['a-user']),
      node('b-org', 'b'),
      node('b-loc', 'b', ['b-org']),
    ]);
    expect(drain(graph)).toEqual(['a-org', 'b-org']);
    expect(graph.failed('a-org')).toEqual([
      { id: 'a-user', because: 'a-org' },
      { id: 'a-loc', because: 'a-org' },
    ]);
    graph.succeeded('b-org');
    expect(drain(graph)).toEqual(['b-loc']);
  });

  it('keeps an operation skipped when its other dependency succeeds later', () => {
    const graph = new WorkGraph([
      node('x', 't'),
      node('y', 't'),
      node('z', 't', ['x', 'y']),
    ]);
    expect(drain(graph)).toEqual(['x', 'y']);
    expect(graph.failed('x')).toEqual([{ id: 'z', because: 'x' }]);
    graph.succeeded('y');
    expect(drain(graph)).toEqual([]);
  });

  it('starts from recorded statuses: done work is not offered, earlier failures skip', () => {
    const graph = new WorkGraph([
      node('org', 't', [], 'succeeded'),
      node('loc', 't', ['org'], 'in-flight'),
      node('bad', 'u', [], 'failed'),
      node('after-bad', 'u', ['bad']),
      node('after-after', 'u', ['after-bad']),
    ]);
    expect(graph.initialSkips()).toEqual([
      { id: 'after-bad', because: 'bad' },
      { id: 'after-after', because: 'bad' },
    ]);
    expect(drain(graph)).toEqual(['loc']);
  });

  it('offers a requeued operation again after the other tenants had their turn', () => {
    const graph = new WorkGraph([node('a1', 'a'), node('b1', 'b'), node('b2', 'b')]);
    expect(graph.next()).toBe('a1');
    graph.requeue('a1');
    expect(drain(graph)).toEqual(['b1', 'a1', 'b2']);
  });

  it('refuses a dependency that is not part of the run', () => {
    expect(() => new WorkGraph([node('a', 't', ['ghost'])])).toThrow(
      'operation ghost is not part of this run',
    );
  });
});
