// The editor: the step graph or the venue plane, the form for the selection, and
// the live problems panel.
import { useMemo, useState } from 'react';
import { useStore } from '../state/store';
import { editBoth, editHunt, editor, editPositions, select } from '../state/editor';
import { addLocation, addStep, connect, deleteStep, disconnect, kindsFor, locationViews, moveLocation, stepViews, type StepKind } from '../hunt/draft';
import { countByStep } from '../hunt/problems';
import { COLUMN_WIDTH, freeSpot, ROW_HEIGHT, tidyPositions } from '../hunt/layout';
import { confirmDeleteSteps } from './confirmDelete';
import { KIND_SHORT } from './kindLabels';
import { HuntGraph } from '../components/HuntGraph';
import { VenuePlane } from '../components/VenuePlane';
import { Segmented } from '../components/Segmented';
import { StepForm } from './StepForm';
import { HuntForm } from './HuntForm';
import { LocationForm } from './LocationForm';
import { ProblemsPanel } from './ProblemsPanel';
import { useFocusRequest } from './useFocusRequest';
import { frameFor } from '../hunt/plane';
import './editor.css';

type View = 'graph' | 'plane';

export function EditorScreen() {
  const doc = useStore(editor, (s) => s.history.present);
  const selection = useStore(editor, (s) => s.selection);
  const report = useStore(editor, (s) => s.report);
  const [view, setView] = useState<View>('graph');
  useFocusRequest();
  const counts = useMemo(() => countByStep(report.errors, report.warnings), [report]);
  const locations = useMemo(() => locationViews(doc.hunt), [doc.hunt]);
  const selectedStep = selection.area === 'step' ? selection.index : null;
  const selectedView = selectedStep !== null ? stepViews(doc.hunt)[selectedStep] : undefined;
  // Wiring a new step to the selected one is the designer's explicit choice, never a default.
  const [chain, setChain] = useState(false);
  const canChain = !!selectedView?.id;

  const add = (kind: StepKind) => {
    const { hunt, positions } = editor.get().history.present;
    const views = stepViews(hunt);
    const after = selectedStep !== null ? views[selectedStep] : undefined;
    const wire = chain && after?.id ? [after.id] : [];
    const { hunt: next, id } = addStep(hunt, kind, wire);
    const afterPos = after ? positions[after.id] : undefined;
    const lowest = Math.max(-ROW_HEIGHT, ...Object.values(positions).map((p) => p.y));
    const want = afterPos ? { x: afterPos.x + COLUMN_WIDTH, y: afterPos.y } : { x: 0, y: lowest + ROW_HEIGHT };
    editBoth({ hunt: next, positions: { ...positions, [id]: freeSpot(Object.values(positions), want) } });
    select({ area: 'step', index: views.length }, 'step-field-title');
  };

  const deleteSteps = async (ids: string[]): Promise<boolean> => {
    const hunt = editor.get().history.present.hunt;
    if (!(await confirmDeleteSteps(hunt, ids))) return false;
    let next = editor.get().history.present.hunt;
    for (const id of ids) next = deleteStep(next, id);
    editHunt(next);
    select({ area: 'hunt' });
    return true;
  };

  return (
    <div className="editor">
      <div className="editor-main">
        <div className="subbar" role="toolbar" aria-label="Editor tools">
          <Segmented
            label="View"
            value={view}
            options={[
              { value: 'graph', label: 'Steps graph' },
              { value: 'plane', label: 'Venue plane' },
            ]}
            onChange={setView}
          />
          <span className="sep" aria-hidden="true" />
          {view === 'graph' ? (
            <>
              <span className="muted small">Add step:</span>
              {kindsFor(doc.hunt).map((k) => (
                <button key={k} type="button" onClick={() => add(k)} title={`Add a “${KIND_SHORT[k]}” step`}>
                  + {KIND_SHORT[k]}
                </button>
              ))}
              <label className={`check chain ${canChain ? '' : 'is-disabled'}`} title={canChain ? `New steps require “${selectedView?.title || selectedView?.id}”` : 'Select a step first'}>
                <input type="checkbox" checked={chain && canChain} disabled={!canChain} onChange={(e) => setChain(e.target.checked)} />
                after selected step
              </label>
              <span className="sep" aria-hidden="true" />
              <button type="button" onClick={() => editPositions(tidyPositions(stepViews(editor.get().history.present.hunt)))} title="Put every step back in columns by its requirements (steps otherwise stay where they are)">
                Tidy layout
              </button>
            </>
          ) : (
            <button
              type="button"
              onClick={() => {
                const hunt = editor.get().history.present.hunt;
                const f = frameFor(locationViews(hunt), 1.6);
                const { hunt: next, id } = addLocation(hunt, { lat: f.lat0, lon: f.lon0 });
                editHunt(next);
                select({ area: 'location', index: locationViews(next).findIndex((l) => l.id === id) }, `location-${locationViews(next).length - 1}-name`);
              }}
            >
              + Place
            </button>
          )}
        </div>
        <div className="canvas">
          {view === 'graph' ? (
            <HuntGraph
              hunt={doc.hunt}
              positions={doc.positions}
              selectedStep={selectedStep}
              counts={counts}
              editable
              label="Steps graph"
              onSelect={(index) => select(index === null ? { area: 'hunt' } : { area: 'step', index })}
              onConnect={(from, to) => editHunt(connect(editor.get().history.present.hunt, from, to))}
              onDeleteSteps={deleteSteps}
              onDeleteEdges={(edges) => {
                let hunt = editor.get().history.present.hunt;
                for (const e of edges) hunt = disconnect(hunt, e.from, e.to);
                editHunt(hunt);
              }}
              onMove={(id, at) => editPositions({ ...editor.get().history.present.positions, [id]: at })}
            />
          ) : (
            <VenuePlane
              locations={locations}
              selected={selection.area === 'location' ? selection.index : null}
              editable
              label="Venue plane"
              onSelect={(index) => select(index === null ? { area: 'hunt' } : { area: 'location', index })}
              onMove={(index, at) => editHunt(moveLocation(editor.get().history.present.hunt, index, at))}
              onAdd={(at) => {
                const { hunt, id } = addLocation(editor.get().history.present.hunt, at);
                editHunt(hunt);
                select({ area: 'location', index: locationViews(hunt).findIndex((l) => l.id === id) });
              }}
            />
          )}
        </div>
        <ProblemsPanel />
      </div>
      <aside className="sidebar" aria-label="Selection">
        {selection.area === 'step' ? <StepForm index={selection.index} onDelete={(id) => void deleteSteps([id])} /> : selection.area === 'location' ? <LocationForm index={selection.index} /> : <HuntForm />}
      </aside>
    </div>
  );
}
