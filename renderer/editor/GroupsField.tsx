// Rotation groups (spec v2 §3.6): stations visited in rotation so that teams spread out.
import { addGroup, deleteGroup, groupViews, setGroupField, type StepView } from '../hunt/draft';
import { editHunt } from '../state/editor';
import { StepPicker } from './StepPicker';

export function GroupsField({ hunt, steps, errors }: { hunt: unknown; steps: StepView[]; errors: Map<string, string> }) {
  const groups = groupViews(hunt);
  const nameOf = (id: string) => steps.find((s) => s.id === id)?.title || id;
  const inSomeGroup = new Set(groups.flatMap((g) => g.steps));
  return (
    <fieldset className="field">
      <legend id="hunt-field-groups" tabIndex={-1}>
        Rotation groups
      </legend>
      <small>Each participant meets a group's steps in a rotated order, so teams do not all crowd the first one.</small>
      {groups.map((g) => (
        <div key={g.index} className="group-box" id={`group-${g.index}`}>
          <div className="group-head">
            <label className="stacked grow">
              <span>Group {g.index + 1} id</span>
              <input className="mono" value={g.id} spellCheck={false} onChange={(e) => editHunt(setGroupField(hunt, g.index, 'id', e.target.value), `group-${g.index}-id`)} />
            </label>
            <button type="button" className="danger" aria-label={`Delete rotation group ${g.id || g.index + 1}`} onClick={() => editHunt(deleteGroup(hunt, g.index))}>
              Delete group
            </button>
          </div>
          <ol className="chips" aria-label={`Steps of group ${g.id || g.index + 1}, in rotation order`}>
            {g.steps.map((id, k) => (
              <li key={k} className="chip chip-group-member">
                <span className="chip-name">{nameOf(id)}</span>
                <button type="button" className="chip-x" aria-label={`Remove ${nameOf(id)} from group ${g.id || g.index + 1}`} onClick={() => editHunt(setGroupField(hunt, g.index, 'steps', g.steps.filter((_, j) => j !== k)))}>
                  ×
                </button>
              </li>
            ))}
          </ol>
          <StepPicker label={`Add a step to group ${g.id || g.index + 1}`} steps={steps.filter((s) => !inSomeGroup.has(s.id))} onPick={(id) => editHunt(setGroupField(hunt, g.index, 'steps', [...g.steps, id]))} />
          {g.steps.length < 2 && <small className="muted">A group needs at least two steps.</small>}
          {errors.get(`groups/${g.index}`) && <small className="error-text">{errors.get(`groups/${g.index}`)}</small>}
        </div>
      ))}
      <button type="button" onClick={() => editHunt(addGroup(hunt).hunt)}>
        + Rotation group
      </button>
    </fieldset>
  );
}
