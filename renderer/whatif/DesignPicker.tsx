// Picks one design: the open hunt, a hunt file, or a stored hunt version.
import { useState } from 'react';
import { useStore } from '../state/store';
import { runs } from '../state/runs';
import { editor } from '../state/editor';
import { notifyError } from '../state/notices';
import { choiceKey, chooseDesignFile, storedVersions, type DesignChoice } from './designs';

export function DesignPicker({ id, label, value, onChange }: { id: string; label: string; value: DesignChoice; onChange(c: DesignChoice): void }) {
  const list = useStore(runs, (r) => r);
  const openTitle = useStore(editor, (s) => (s.history.present.hunt as { title?: unknown } | null)?.title);
  const versions = storedVersions(list);
  const [files, setFiles] = useState<DesignChoice[]>(value.kind === 'file' ? [value] : []);
  const pickFile = async () => {
    try {
      const chosen = await chooseDesignFile();
      if (!chosen) return;
      setFiles((f) => [chosen, ...f.filter((x) => choiceKey(x) !== choiceKey(chosen))]);
      onChange(chosen);
    } catch (err) {
      notifyError(err, 'Reading the hunt file');
    }
  };
  const options: { key: string; label: string; choice: DesignChoice }[] = [
    { key: 'open', label: `The open hunt${typeof openTitle === 'string' && openTitle ? ` (${openTitle})` : ''}`, choice: { kind: 'open' } },
    ...files.map((f) => ({ key: choiceKey(f), label: `File: ${f.kind === 'file' ? f.path.split(/[\\/]/).pop() : ''}`, choice: f })),
    ...versions.map((v) => ({ key: `version:${v.version}`, label: `Stored: ${v.title} ${v.version.slice(0, 8)} (${v.runs[0]})`, choice: { kind: 'version', version: v.version } as DesignChoice })),
  ];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="design-picker">
        <select
          id={id}
          value={choiceKey(value)}
          onChange={(e) => {
            const o = options.find((x) => x.key === e.target.value);
            if (o) onChange(o.choice);
          }}
        >
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </select>
        <button type="button" className="small-button" aria-label={`${label}: choose a hunt file`} onClick={() => void pickFile()}>
          File…
        </button>
      </div>
    </div>
  );
}
