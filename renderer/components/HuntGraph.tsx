// The hunt as a graph: steps are nodes, requirement items are edges from prerequisite
// to dependent, drawn by kind (done, solved, failed, any of) and routed around other
// steps; rotation groups are boxes behind their steps. Editable in the editor;
// read-only with step states in the debugger and playtest.
import { useEffect, useMemo, useRef, useState, memo, type KeyboardEvent } from 'react';
import {
  applyNodeChanges,
  Background,
  BaseEdge,
  Controls,
  EdgeLabelRenderer,
  Handle,
  MarkerType,
  Panel,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useReactFlow,
  useStore as useFlowStore,
  type Connection,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeChange,
  type EdgeChange,
  type NodeProps,
} from '@xyflow/react';
import { asObject, groupViews, isHunt2, stepViews } from '../hunt/draft';
import { COMPACT_SPACING, DEFAULT_SPACING, NODE_SIZE, placeNodes, type GraphPoint } from '../hunt/layout';
import { labelPoint, roundedPath, routeEdge, type Rect } from '../hunt/route';
import type { LinkKind } from '../hunt/requirements';
import type { StepStatus } from '../../api/contract';
import { GraphLegend } from './GraphLegend';
import './huntGraph.css';

export type StepNodeData = {
  title: string;
  stepId: string;
  kind: string;
  errors: number;
  warnings: number;
  status: StepStatus | null;
  compact: boolean;
  optional: boolean;
  finish: boolean;
  minScore: number | null;
  window: string | null;
  connecting: boolean;
  [key: string]: unknown;
};
type StepNode = Node<StepNodeData, 'step'>;
type GroupNode = Node<{ label: string }, 'rotation'>;
type AnyNode = StepNode | GroupNode;

export const KIND_ICON: Record<string, string> = { answer: '?', code: '#', location: '◎', choice: '☰', judged: '⚖' };

const timeText = (sec: number) => (sec % 60 === 0 ? `${sec / 60} min` : `${sec} s`);

function windowText(opens: number | null, closes: number | null): string | null {
  if (opens === null && closes === null) return null;
  if (opens !== null && closes !== null) return `open ${timeText(opens)}–${timeText(closes)}`;
  return opens !== null ? `opens at ${timeText(opens)}` : `closes at ${timeText(closes!)}`;
}

function StepNodeView({ data, selected }: NodeProps<StepNode>) {
  const cls = [
    'step-node',
    data.compact ? 'compact' : '',
    `kind-${data.kind}`,
    selected ? 'is-selected' : '',
    data.status ? `status-${data.status}` : '',
    data.errors ? 'has-errors' : data.warnings ? 'has-warnings' : '',
    data.optional ? 'is-optional' : '',
    data.finish ? 'is-finish' : '',
    data.connecting ? 'is-connecting' : '',
  ];
  return (
    <div className={cls.filter(Boolean).join(' ')}>
      <Handle type="target" position={Position.Left} />
      <div className="step-node-head">
        <span className="kind-icon" aria-hidden="true">{KIND_ICON[data.kind] ?? '•'}</span>
        <span className="step-node-title">{data.title || '(untitled)'}</span>
        {data.finish && <span className="finish-flag" title="Finish step">⚑</span>}
      </div>
      {!data.compact && (
        <div className="step-node-meta">
          <code>{data.stepId || '(no id)'}</code>
          {data.optional && <span className="pill pill-optional">bonus</span>}
          {data.minScore !== null && <span className="pill pill-score" title={`Needs a score of at least ${data.minScore}`}>score ≥ {data.minScore}</span>}
          {data.window && <span className="pill pill-window" title="Opening hours">◷ {data.window}</span>}
          {data.status && <span className={`pill pill-${data.status}`}>{data.status}</span>}
          {data.errors > 0 && <span className="pill pill-error" title={`${data.errors} errors`}>{data.errors}✖</span>}
          {data.warnings > 0 && <span className="pill pill-warning" title={`${data.warnings} warnings`}>{data.warnings}▲</span>}
        </div>
      )}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

function RotationGroupView({ data }: NodeProps<GroupNode>) {
  return (
    <div className="rotation-group" aria-hidden="true">
      <span className="rotation-label">⟳ {data.label}</span>
    </div>
  );
}

type RoutedEdgeData = { kind: LinkKind; label: string | null; obstacles: Rect[]; from: string; to: string };
type RoutedEdge = Edge<RoutedEdgeData, 'routed'>;

function RoutedEdgeView(props: EdgeProps<RoutedEdge>) {
  const { sourceX, sourceY, targetX, targetY, data, markerEnd, style } = props;
  const points = useMemo(() => routeEdge({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, data?.obstacles ?? []), [sourceX, sourceY, targetX, targetY, data?.obstacles]);
  const label = data?.label ? labelPoint(points) : null;
  return (
    <>
      <BaseEdge id={props.id} path={roundedPath(points)} markerEnd={markerEnd} style={style} interactionWidth={12} />
      {label && data?.label && (
        <EdgeLabelRenderer>
          <div className={`edge-label edge-label-${data.kind}`} style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)` }}>
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

const nodeTypes = { step: StepNodeView, rotation: RotationGroupView };
const edgeTypes = { routed: RoutedEdgeView };

export type HuntGraphProps = {
  hunt: unknown;
  positions: Record<string, GraphPoint>;
  selectedStep: number | null;
  counts?: Map<number, { errors: number; warnings: number }>;
  statuses?: Record<string, StepStatus>;
  editable: boolean;
  /** Small nodes (title only) and tight spacing, for read-only graphs beside other panels. */
  compact?: boolean;
  label: string;
  onSelect?(index: number | null): void;
  onConnect?(from: string, to: string): void;
  /** Asked before steps go (the editor confirms); the graph removes nothing itself. */
  onDeleteSteps?(ids: string[]): void | Promise<unknown>;
  onDeleteEdges?(edges: { from: string; to: string }[]): void;
  onMove?(id: string, at: GraphPoint): void;
};

const isStepNode = (id: string) => id.startsWith('s');
const indexOf = (nodeId: string) => Number(nodeId.slice(1));
const GROUP_PAD = 18;

/** Memoized: a screen re-rendering for other reasons (the debugger's scrubber) does not redraw the graph. */
export const HuntGraph = memo(function HuntGraph(props: HuntGraphProps) {
  return (
    <ReactFlowProvider>
      <Graph {...props} />
    </ReactFlowProvider>
  );
});

const MARKER_COLOR: Record<LinkKind, string> = { done: '#8d97a8', solved: '#1f8a4c', failed: '#c43d3d', anyOf: '#b7791f' };

function Graph(props: HuntGraphProps) {
  const { hunt, positions, selectedStep, counts, statuses, editable } = props;
  const compact = props.compact ?? false;
  const steps = useMemo(() => stepViews(hunt), [hunt]);
  const groups = useMemo(() => groupViews(hunt), [hunt]);
  const finish = asObject(hunt).finishStep;
  const v2 = isHunt2(hunt);
  const [connectFrom, setConnectFrom] = useState<string | null>(null);

  const derived = useMemo<StepNode[]>(() => {
    const place = placeNodes(steps, new Map(Object.entries(positions)), compact ? COMPACT_SPACING : DEFAULT_SPACING);
    return steps.map((s) => ({
      id: `s${s.index}`,
      type: 'step',
      position: place.get(s.index)!,
      selected: s.index === selectedStep,
      ariaLabel: `Step ${s.title || s.id}${statuses?.[s.id] ? `: ${statuses[s.id]}` : ''}${s.optional ? ', optional' : ''}${finish === s.id && s.id ? ', finish step' : ''}`,
      data: {
        title: s.title,
        stepId: s.id,
        kind: s.kind,
        errors: counts?.get(s.index)?.errors ?? 0,
        warnings: counts?.get(s.index)?.warnings ?? 0,
        status: statuses?.[s.id] ?? null,
        compact,
        optional: s.optional,
        finish: typeof finish === 'string' && finish === s.id,
        minScore: s.minScore,
        window: windowText(s.opensAtSec, s.closesAtSec),
        connecting: connectFrom !== null && connectFrom === s.id,
      },
    }));
  }, [steps, positions, selectedStep, counts, statuses, compact, finish, connectFrom]);

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

  const rects = useMemo(() => {
    const out = new Map<string, Rect>();
    for (const n of nodes) out.set(n.id, { x: n.position.x, y: n.position.y, width: n.measured?.width ?? NODE_SIZE.width, height: n.measured?.height ?? NODE_SIZE.height });
    return out;
  }, [nodes]);

  // Rotation groups: a box behind the group's steps (not selectable, not in the tab order).
  const groupNodes = useMemo<GroupNode[]>(() => {
    const firstIndex = new Map<string, number>();
    for (const s of steps) if (s.id && !firstIndex.has(s.id)) firstIndex.set(s.id, s.index);
    return groups.flatMap((g) => {
      const members = g.steps.map((id) => rects.get(`s${firstIndex.get(id)}`)).filter((r): r is Rect => !!r);
      if (members.length === 0) return [];
      const x = Math.min(...members.map((r) => r.x)) - GROUP_PAD;
      const y = Math.min(...members.map((r) => r.y)) - GROUP_PAD - 16;
      const w = Math.max(...members.map((r) => r.x + r.width)) + GROUP_PAD - x;
      const h = Math.max(...members.map((r) => r.y + r.height)) + GROUP_PAD - y;
      return [{ id: `g${g.index}`, type: 'rotation' as const, position: { x, y }, width: w, height: h, style: { width: w, height: h }, data: { label: `Rotation ${g.id || g.index + 1}` }, selectable: false, draggable: false, focusable: false, connectable: false, zIndex: -1 }];
    });
  }, [groups, steps, rects]);

  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const selectedId = selectedStep !== null ? `s${selectedStep}` : null;
  const edges = useMemo<RoutedEdge[]>(() => {
    const firstIndex = new Map<string, number>();
    for (const s of steps) if (s.id && !firstIndex.has(s.id)) firstIndex.set(s.id, s.index);
    const out: RoutedEdge[] = [];
    for (const s of steps)
      for (const link of s.links) {
        const from = firstIndex.get(link.from);
        if (from === undefined || from === s.index) continue;
        const id = `e${from}-${s.index}-${link.item}`;
        if (out.some((e) => e.id === id)) continue;
        const done = statuses && (statuses[link.from] === 'solved' || statuses[link.from] === 'failed');
        const touches = selectedId !== null && (`s${from}` === selectedId || `s${s.index}` === selectedId);
        const how = link.kind === 'anyOf' ? `one of ${link.of} (at least ${link.count}) ` : link.kind === 'done' ? '' : `${link.kind} `;
        out.push({
          id,
          type: 'routed',
          source: `s${from}`,
          target: `s${s.index}`,
          selected: id === selectedEdge,
          focusable: false,
          ariaLabel: `${steps[from].title || link.from} ${how}is required by ${s.title || s.id}`,
          markerEnd: { type: MarkerType.ArrowClosed, color: touches ? '#2f6fd6' : MARKER_COLOR[link.kind] },
          className: [done ? 'edge-done' : '', `req-${link.kind}`, touches ? 'edge-connected' : selectedId !== null ? 'edge-dimmed' : ''].filter(Boolean).join(' '),
          data: {
            kind: link.kind,
            label: link.kind === 'anyOf' ? `any ${link.count} of ${link.of}` : link.kind === 'solved' ? 'if solved' : link.kind === 'failed' ? 'if failed' : null,
            obstacles: [...rects].filter(([nid]) => nid !== `s${from}` && nid !== `s${s.index}`).map(([, r]) => r),
            from: link.from,
            to: s.id,
          },
        });
      }
    return out;
  }, [steps, statuses, selectedEdge, selectedId, rects]);

  const onNodesChange = (changes: NodeChange<AnyNode>[]) => {
    const kept = changes.filter((c): c is NodeChange<StepNode> => (c.type === 'dimensions' || c.type === 'position') && isStepNode(c.id));
    for (const c of changes) {
      // Enter or Space on a focused step selects it (React Flow reports it as a selection change).
      if (c.type === 'select' && c.selected && isStepNode(c.id)) props.onSelect?.(indexOf(c.id));
    }
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

  /** Connecting without a mouse: C on a focused step, then Enter on the step that requires it. */
  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!editable) return;
    const nodeEl = (e.target as HTMLElement).closest?.('.react-flow__node');
    const nodeId = nodeEl?.getAttribute('data-id');
    if (e.key === 'Escape' && connectFrom) {
      setConnectFrom(null);
      e.stopPropagation();
      return;
    }
    if (!nodeId || !isStepNode(nodeId)) return;
    const step = steps[indexOf(nodeId)];
    if (!step?.id) return;
    if ((e.key === 'c' || e.key === 'C') && !e.ctrlKey && !e.metaKey && !e.altKey) {
      setConnectFrom(step.id);
      e.preventDefault();
    } else if ((e.key === 'Enter' || e.key === ' ') && connectFrom) {
      if (connectFrom !== step.id) props.onConnect?.(connectFrom, step.id);
      setConnectFrom(null);
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const fromView = connectFrom ? steps.find((s) => s.id === connectFrom) : undefined;
  const allNodes = useMemo<AnyNode[]>(() => [...groupNodes, ...nodes], [groupNodes, nodes]);

  return (
    <div className="graph" aria-label={props.label} role="group" onKeyDownCapture={onKeyDownCapture}>
      <ReactFlow<AnyNode, RoutedEdge>
        nodes={allNodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeClick={(_, n) => isStepNode(n.id) && props.onSelect?.(indexOf(n.id))}
        onPaneClick={() => {
          setSelectedEdge(null);
          setConnectFrom(null);
          props.onSelect?.(null);
        }}
        onConnect={(c: Connection) => {
          const from = steps[indexOf(c.source)]?.id;
          const to = steps[indexOf(c.target)]?.id;
          if (from && to) props.onConnect?.(from, to);
        }}
        onBeforeDelete={async ({ nodes: gone, edges: cut }) => {
          const ids = gone.filter((n) => isStepNode(n.id)).map((n) => steps[indexOf(n.id)]?.id).filter((id): id is string => !!id);
          if (ids.length) await props.onDeleteSteps?.(ids);
          else if (cut.length) props.onDeleteEdges?.(cut.map((e) => ({ from: (e.data as RoutedEdgeData).from, to: (e.data as RoutedEdgeData).to })));
          // The hunt is the source of truth: the editor's edit removes them, not React Flow.
          return false;
        }}
        nodesDraggable={editable}
        nodesConnectable={editable}
        edgesFocusable={false}
        elementsSelectable
        deleteKeyCode={editable ? ['Delete', 'Backspace'] : null}
        fitView
        fitViewOptions={{ padding: compact ? 0.08 : 0.2, maxZoom: 1.2 }}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
        {!compact && (
          <Panel position="bottom-right">
            <GraphLegend v2={v2} hasGroups={groups.length > 0} />
          </Panel>
        )}
        {fromView && (
          <Panel position="top-center">
            <p className="connect-hint" role="status">
              Connecting from “{fromView.title || fromView.id}”: move to the step that requires it (Tab) and press Enter. Esc cancels.
            </p>
          </Panel>
        )}
        <FitOnCountChange count={steps.length} />
        {compact && <FitOnResize padding={0.08} />}
      </ReactFlow>
      {editable && <ConnectionsList edges={edges} onSelectEdge={setSelectedEdge} onDelete={(e) => props.onDeleteEdges?.([e])} />}
    </div>
  );
}

/**
 * The connections as a list after the steps in the tab order (React Flow puts edges
 * before nodes in the page, so they are taken out of the tab order there). Hidden
 * until it has the focus.
 */
function ConnectionsList({ edges, onSelectEdge, onDelete }: { edges: RoutedEdge[]; onSelectEdge(id: string | null): void; onDelete(e: { from: string; to: string }): void }) {
  if (edges.length === 0) return null;
  return (
    <ul className="graph-connections" aria-label="Connections">
      {edges.map((e) => (
        <li key={e.id}>
          <button
            type="button"
            aria-keyshortcuts="Delete"
            onFocus={() => onSelectEdge(e.id)}
            onBlur={() => onSelectEdge(null)}
            onKeyDown={(k) => {
              if (k.key === 'Delete' || k.key === 'Backspace') {
                k.preventDefault();
                onDelete({ from: e.data!.from, to: e.data!.to });
              }
            }}
          >
            {e.ariaLabel} <span className="muted">(Delete removes it)</span>
          </button>
        </li>
      ))}
    </ul>
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
    void flow.fitView({ padding: 0.2, maxZoom: 1.2, duration: 200 });
  }, [pending, measured, flow]);
  return null;
}

/**
 * A read-only graph (debugger, playtest) follows its box: when the window grows from
 * 1024 to 1920 wide, the hunt is fitted again instead of staying a small drawing in one
 * corner. The editor keeps the designer's own zoom and pan.
 */
function FitOnResize({ padding }: { padding: number }) {
  const flow = useReactFlow();
  const width = useFlowStore((st) => st.width);
  const height = useFlowStore((st) => st.height);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false; // the initial fit is React Flow's own (fitView)
      return;
    }
    if (width === 0 || height === 0) return;
    const timer = setTimeout(() => void flow.fitView({ padding, maxZoom: 1.2 }), 60);
    return () => clearTimeout(timer);
  }, [width, height, flow, padding]);
  return null;
}
