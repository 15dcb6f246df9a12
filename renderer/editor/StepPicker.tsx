// A search box over the hunt's steps: type part of a title or id, pick with a click,
// the arrow keys and Enter. Used to add requirements and rotation-group members, so a
// long hunt never hides its steps in a small scroll box.
import { useId, useState } from 'react';
import type { StepView } from '../hunt/draft';

export function StepPicker(props: { id?: string; label: string; steps: StepView[]; onPick(id: string): void; placeholder?: string }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const q = query.trim().toLowerCase();
  const matches = props.steps.filter((s) => s.id && (!q || s.title.toLowerCase().includes(q) || s.id.toLowerCase().includes(q))).slice(0, 8);
  const pick = (id: string) => {
    props.onPick(id);
    setQuery('');
    setActive(0);
  };
  const shown = open && matches.length > 0;
  return (
    <div className="picker">
      <input
        id={props.id}
        role="combobox"
        aria-label={props.label}
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown ? `${listId}-${active}` : undefined}
        placeholder={props.placeholder ?? 'Search steps by title or id…'}
        value={query}
        spellCheck={false}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, matches.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && matches[active]) pick(matches[active].id);
          else if (e.key === 'Escape') setOpen(false);
          else return;
          e.preventDefault();
        }}
      />
      {shown && (
        <ul id={listId} role="listbox" aria-label={`${props.label}: matching steps`} className="picker-list">
          {matches.map((s, i) => (
            <li
              key={s.index}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(s.id);
              }}
            >
              {s.title || s.id} <code className="muted">{s.id}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
