// The form for the selected place of the venue.
import { useStore } from '../state/store';
import { editHunt, editor, select } from '../state/editor';
import { asObject, deleteLocation, rawLocations, renameLocation, setLocationField, stepViews } from '../hunt/draft';
import { NumberField, TextField } from '../components/fields';
import { fieldsWithIssues } from './issuesFor';

export function LocationForm({ index }: { index: number }) {
  const hunt = useStore(editor, (s) => s.history.present.hunt);
  const report = useStore(editor, (s) => s.report);
  const loc = asObject(rawLocations(hunt)[index]);
  const bad = fieldsWithIssues([...report.errors, ...report.warnings], 'location', index, hunt);
  const set = (field: string, value: unknown) => editHunt(setLocationField(hunt, index, field, value), `loc-${index}-${field}`);
  const usedBy = stepViews(hunt).filter((s) => s.location !== null && s.location === loc.id);

  return (
    <section className="form" aria-labelledby="location-form-title">
      <div className="form-head">
        <h2 id="location-form-title">Place {index + 1}</h2>
        <button
          type="button"
          className="danger"
          onClick={() => {
            editHunt(deleteLocation(hunt, index));
            select({ area: 'hunt' });
          }}
        >
          Delete place
        </button>
      </div>
      <TextField id={`location-${index}-id`} label="Id" mono value={loc.id} invalid={bad.has('id')} hint={bad.get('id') ?? 'Renaming updates the steps that use it.'} onChange={(v) => editHunt(renameLocation(hunt, index, v), `loc-${index}-id`)} />
      <TextField id={`location-${index}-name`} label="Name" value={loc.name} invalid={bad.has('name')} hint={bad.get('name')} onChange={(v) => set('name', v === '' ? undefined : v)} />
      <div className="row2">
        <NumberField id={`location-${index}-lat`} label="Latitude" value={loc.lat} invalid={bad.has('lat')} hint={bad.get('lat')} onChange={(v) => set('lat', v)} />
        <NumberField id={`location-${index}-lon`} label="Longitude" value={loc.lon} invalid={bad.has('lon')} hint={bad.get('lon')} onChange={(v) => set('lon', v)} />
      </div>
      <NumberField id={`location-${index}-radiusM`} label="Radius (m)" value={loc.radiusM} invalid={bad.has('radiusM')} hint={bad.get('radiusM') ?? 'A position this close or closer solves the step.'} onChange={(v) => set('radiusM', v)} />
      <p className="muted">{usedBy.length ? `Used by ${usedBy.map((s) => s.title || s.id).join(', ')}.` : 'No step uses this place yet.'}</p>
      {bad.get('') && <p className="error-text">{bad.get('')}</p>}
    </section>
  );
}
