import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Topology, TopologyEdge, TopologyNode } from '../../../shared/model/topology.ts';
import { drawableEdges, labelLines, layoutSignature, layoutTopology, NODE_HEIGHT, NODE_WIDTH, roundedPath } from '../../../renderer/pages/topology/layout.ts';
import { focusOf, visibleTopology } from '../../../renderer/pages/topology/visible.ts';

const node = (id: string, kind: TopologyNode['kind']): TopologyNode => ({ id, kind, label: id, health: 'ok', findingIds: [] });
const edge = (source: string, target: string, kind: TopologyEdge['kind'], label = ''): TopologyEdge => ({
  id: `${source}->${target}`,
  source,
  target,
  kind,
  label,
  health: 'ok',
  findingIds: [],
});

/** A host → route → service → pods chain per component, plus integration edges between components: ~100 nodes. */
function bigTopology(components: number): Topology {
  const nodes: TopologyNode[] = [node('host', 'ingress-host')];
  const edges: TopologyEdge[] = [];
  for (let i = 0; i < components; i++) {
    nodes.push(node(`route${i}`, 'route'), node(`svc${i}`, 'service'), node(`comp${i}`, 'component'), node(`pods${i}`, 'pods'));
    edges.push(edge('host', `route${i}`, 'routing', `/p${i}`), edge(`route${i}`, `svc${i}`, 'routing', 'http'), edge(`svc${i}`, `pods${i}`, 'selects'));
    if (i > 0) edges.push(edge(`comp${i}`, `svc${i - 1}`, 'integration', `:${8000 + i} · api`));
  }
  return { nodes, edges };
}

describe('topology layout', () => {
  test('lays ~100 nodes out left to right without overlaps, with a route for every edge', async () => {
    const t = bigTopology(25);
    assert.ok(t.nodes.length >= 100);
    const { positions, routes } = await layoutTopology(t);
    assert.equal(positions.size, t.nodes.length);
    const boxes = [...positions.entries()];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, pa] = boxes[i]!;
        const [b, pb] = boxes[j]!;
        const overlap = Math.abs(pa.x - pb.x) < NODE_WIDTH && Math.abs(pa.y - pb.y) < NODE_HEIGHT;
        assert.ok(!overlap, `${a} overlaps ${b}`);
      }
    }
    for (const e of t.edges) {
      assert.ok(positions.get(e.source)!.x < positions.get(e.target)!.x, `${e.id} must point right`);
      const route = routes.get(e.id);
      assert.ok(route && route.points.length >= 2, `${e.id} has a route`);
      if (e.kind !== 'selects') assert.ok(route.label, `${e.id} has a label position`);
    }
  });

  test('drops edges to nodes that are not drawn, and the signature ignores health', () => {
    const t: Topology = { nodes: [node('a', 'service')], edges: [edge('a', 'b', 'selects')] };
    assert.deepEqual(drawableEdges(t), []);
    const sick: Topology = { nodes: [{ ...node('a', 'service'), health: 'error' }], edges: t.edges };
    assert.equal(layoutSignature(sick), layoutSignature(t));
  });

  test('edge labels split into port and purpose, each clipped', () => {
    assert.deepEqual(labelLines('grpc · agent connection to the control plane (gRPC)'), ['grpc', 'agent connection to the c…']);
    assert.deepEqual(labelLines('host match'), ['host match']);
    assert.equal(labelLines('x'.repeat(40))[0]!.length, 26);
  });

  test('rounds the corners of an orthogonal route', () => {
    assert.equal(roundedPath([{ x: 0, y: 0 }, { x: 20, y: 0 }, { x: 20, y: 20 }], 6), 'M 0 0 L 14 0 Q 20 0 20 6 L 20 20');
    assert.equal(roundedPath([{ x: 0, y: 0 }, { x: 10, y: 0 }]), 'M 0 0 L 10 0');
  });
});

describe('visible topology', () => {
  const t: Topology = {
    nodes: [node('a', 'component'), { ...node('b', 'service'), health: 'error' }, node('c', 'pods'), node('d', 'component'), node('e', 'service'), node('f', 'service')],
    edges: [edge('a', 'b', 'integration'), edge('b', 'c', 'selects'), edge('d', 'a', 'integration'), { ...edge('e', 'f', 'integration'), health: 'warning' }],
  };

  test('problems only keeps unhealthy nodes and edges with their direct neighbours, not further', () => {
    const v = visibleTopology(t, { showPods: true, problemsOnly: true });
    assert.deepEqual(v.nodes.map((n) => n.id), ['a', 'b', 'c', 'e', 'f']);
    assert.deepEqual(v.edges.map((e) => e.id), ['a->b', 'b->c', 'e->f']);
  });

  test('hiding pods drops them and their edges; showing everything returns the topology as is', () => {
    const v = visibleTopology(t, { showPods: false, problemsOnly: false });
    assert.ok(!v.nodes.some((n) => n.kind === 'pods'));
    assert.ok(!v.edges.some((e) => e.target === 'c'));
    assert.equal(visibleTopology(t, { showPods: true, problemsOnly: false }), t);
  });
});

describe('topology focus', () => {
  const t: Topology = {
    nodes: [node('a', 'component'), node('b', 'service'), node('c', 'pods'), node('d', 'component')],
    edges: [edge('a', 'b', 'integration'), edge('b', 'c', 'selects'), edge('d', 'a', 'integration')],
  };

  test('a selected node keeps its edges and neighbours; an edge keeps its two ends; nothing selected, no focus', () => {
    const n = focusOf(t, 'a', undefined)!;
    assert.deepEqual([...n.nodes].sort(), ['a', 'b', 'd']);
    assert.deepEqual([...n.edges].sort(), ['a->b', 'd->a']);
    const e = focusOf(t, undefined, 'b->c')!;
    assert.deepEqual([...e.nodes].sort(), ['b', 'c']);
    assert.equal(focusOf(t, undefined, undefined), null);
    assert.equal(focusOf(t, 'gone', undefined), null);
  });
});
