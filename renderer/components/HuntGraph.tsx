// The hunt as a graph: steps are nodes, `requires` are edges from prerequisite to
// dependent. Editable in the editor; read-only with step states in the debugger and playtest.
import { useEffect, useMemo, useRef, useState, memo } from 'react';
import {
  applyNodeChanges,
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type Edge,
  type Node,
  type NodeChange,
  type EdgeChange,
  type NodeProps,
} from '@xyflow/react';
import { stepViews } from '../hunt/draft';
import { COMPACT_SPACING, DEFAULT_SPACING, placeNodes, type Point } from '../hunt/layout';
import type { StepStatus } from '../../api/contract';

export type StepNodeData = {
  title: string;
  stepId: string;
  kind: string;
  errors: number;
  warnings: number;
  status: StepStatus | null;
  compact: boolean;
  [key: string]: unknown;
};
type StepNode = Node<StepNodeData, 'step'>;

const KIND_ICON: Record<string, string> = { answer: '?', code: '#', location: '◎' };

function StepNodeView({ data, selected }: NodeProps<StepNode>) {
  return (
    <div className={`step-node ${data.compact ? 'compact' : ''} kind-${data.kind} ${selected ? 'is-selected' : ''} ${data.status ? `status-${data.status}` : ''} ${data.errors ? 'has-errors' : data.warnings ? 'has-warnings' : ''}`}>
      <Handle type="target" position={Position.Left} />
      <div className="step-node-head">
        <span className="kind-icon" aria-hidden="true">{KIND_ICON[data.kind] ?? '•'}</span>
        <span className="step-node-title">{data.title || '(untitled)'}</span>
      </div>
      {!data.compact && (
      <div className="step-node-meta">
        <code>{data.stepId || '(no id)'}</code>
        {data.status && <span className={`pill pill-${data.status}`}>{data.status}</span>}
        {data.errors > 0 && <span className="pill pill-error" title={`${data.errors} errors`}>{data.errors}✖</span>}
        {data.warnings > 0 && <span className="pill pill-warning" title={`${data.warnings} warnings`}>{data.warnings}▲</span>}
      </div>
      )}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

const nodeTypes = { step: StepNodeView };

export type HuntGraphProps = {
  hunt: unknown;
  positions: Record<string, Point>;
  selectedStep: number | null;
  counts?: Map<number, { errors: number; warnings: number }>;
  statuses?: Record<string, StepStatus>;
  editable: boolean;
  /** Small nodes (title only) and tight spacing, for read-only graphs beside other panels. */
  compact?: boolean;
  label: string;
  onSelect?(index: number | null): void;
  onConnect?(from: string, to: string): void;
  onDeleteSteps?(ids: string[]): void;
  onDeleteEdges?(edges: { from: string; to: string }[]): void;
  onMove?(id: string, at: Point): void;
};

const indexOf = (nodeId: string) => Number(nodeId.slice(1));

/** Memoized: a screen re-rendering for other reasons (the debugger's scrubber) does not redraw the graph. */
export const HuntGraph = memo(function HuntGraph(props: HuntGraphProps) {
  return (
    <ReactFlowProvider>
      <Graph {...props} />
    </ReactFlowProvider>
  );
});

function Graph(props: HuntGraphProps) {
  const { hunt, positions, selectedStep, counts, statuses, editable } = props;
  const compact = props.compact ?? false;
  const steps = useMemo(() => stepViews(hunt), [hunt]);
  const derived = useMemo<StepNode[]>(() => {
    const place = placeNodes(steps, new Map(Object.entries(positions)), compact ? COMPACT_SPACING : DEFAULT_SPACING);
    return steps.map((s) => ({
      id: `s${s.index}`,
      type: 'step',
      position: place.get(s.index)!,
      selected: s.index === selectedStep,
      ariaLabel: `Step ${s.title || s.id}${statuses?.[s.id] ? `: ${statuses[s.id]}` : ''}`,
      data: {
        title: s.title,
        stepId: s.id,
        kind: s.kind,
        errors: counts?.get(s.index)?.errors ?? 0,
        warnings: counts?.get(s.index)?.warnings ?? 0,
        status: statuses?.[s.id] ?? null,
        compact,
      },
    }));
  }, [steps, positions, selectedStep, counts, statuses, compact]);

  // React Flow measures nodes and moves them while dragging; it needs those changes
  // applied to the nodes it is given, so the derived nodes are mirrored in local state.
  const [nodes, setNodes] = useState<StepNode[]>(derived);
  const dragging = useRef<string | null>(null);
  useEffect(() => {
    setNodes((prev) => {
      const byId = new Map(prev.map((n) => [n.id, n]));
      return derived.map((n) => {
        const old = byId.get(n.id);
        if (!old) return n;
        return { ...n, measured: old.measured, position: dragging.current === n.id ? old.position : n.position };
      });
    });
  }, [derived]);

  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const edges = useMemo<Edge[]>(() => {
    const firstIndex = new Map<string, number>();
    for (const s of steps) if (s.id && !firstIndex.has(s.id)) firstIndex.set(s.id, s.index);
    const out: Edge[] = [];
    for (const s of steps)
      for (const r of s.requires) {
        const from = firstIndex.get(r);
        if (from === undefined) continue;
        const id = `e${from}-${s.index}`;
        const done = statuses && (statuses[r] === 'solved' || statuses[r] === 'failed');
        out.push({
          id,
          source: `s${from}`,
          target: `s${s.index}`,
          selected: id === selectedEdge,
          ariaLabel: `${steps[from].title || r} is required by ${s.title || s.id}`,
          markerEnd: { type: MarkerType.ArrowClosed },
          className: done ? 'edge-done' : undefined,
          data: { from: r, to: s.id },
        });
      }
    return out;
  }, [steps, statuses, selectedEdge]);

  const onNodesChange = (changes: NodeChange<StepNode>[]) => {
    const kept = changes.filter((c) => c.type === 'dimensions' || c.type === 'position');
    for (const c of kept) {
      if (c.type !== 'position') continue;
      if (c.dragging) dragging.current = c.id;
      else if (dragging.current === c.id) {
        dragging.current = null;
        const node = nodes.find((n) => n.id === c.id);
        const at = c.position ?? node?.position;
        const step = steps[indexOf(c.id)];
        if (at && step?.id) props.onMove?.(step.id, { x: Math.round(at.x), y: Math.round(at.y) });
      }
    }
    if (kept.length) setNodes((nds) => applyNodeChanges(kept, nds));
  };

  const onEdgesChange = (changes: EdgeChange[]) => {
    for (const c of changes) if (c.type === 'select') setSelectedEdge(c.selected ? c.id : null);
  };

  return (
    <div className="graph" aria-label={props.label} role="group">
      <ReactFlow<StepNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeClick={(_, n) => props.onSelect?.(indexOf(n.id))}
        onPaneClick={() => {
          setSelectedEdge(null);
          props.onSelect?.(null);
        }}
        onConnect={(c: Connection) => {
          const from = steps[indexOf(c.source)]?.id;
          const to = steps[indexOf(c.target)]?.id;
          if (from && to) props.onConnect?.(from, to);
        }}
        onNodesDelete={(deleted) => props.onDeleteSteps?.(deleted.map((n) => steps[indexOf(n.id)]?.id).filter((id): id is string => !!id))}
        onEdgesDelete={(deleted) => props.onDeleteEdges?.(deleted.map((e) => e.data as { from: string; to: string }))}
        nodesDraggable={editable}
        nodesConnectable={editable}
        elementsSelectable
        deleteKeyCode={editable ? ['Delete', 'Backspace'] : null}
        fitView
        fitViewOptions={{ padding: compact ? 0.08 : 0.25, maxZoom: 1.2 }}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
        <FitOnCountChange count={steps.length} />
      </ReactFlow>
    </div>
  );
}

/**
 * Refits the view when steps appear or disappear (open, new, example), not on every edit.
 * It waits until React Flow has measured the new nodes, or the fit would use stale bounds.
 */
function FitOnCountChange({ count }: { count: number }) {
  const flow = useReactFlow();
  const measured = useNodesInitialized();
  const last = useRef(count);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    if (last.current === count) return;
    last.current = count;
    setPending(true);
  }, [count]);
  useEffect(() => {
    if (!pending || !measured) return;
    setPending(false);
    void flow.fitView({ padding: 0.25, maxZoom: 1.2, duration: 200 });
  }, [pending, measured, flow]);
  return null;
}
