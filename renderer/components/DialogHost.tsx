// Renders the pending modal question from state/dialogs as an accessible dialog.
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../state/store';
import { dialogs } from '../state/dialogs';

export function DialogHost() {
  const request = useStore(dialogs, (d) => d);
  const [value, setValue] = useState('');
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (request?.kind === 'prompt') setValue(request.value);
    const el = ref.current;
    if (request && el && !el.open) el.showModal();
    if (!request && el?.open) el.close();
  }, [request]);

  if (!request) return <dialog ref={ref} aria-label="Dialog" />;
  const cancel = () => (request.kind === 'confirm' ? request.resolve(false) : request.resolve(null));
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="dialog-title"
      aria-describedby="dialog-message"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (request.kind === 'confirm') request.resolve(true);
          else request.resolve({ value });
        }}
      >
        <h2 id="dialog-title">{request.title}</h2>
        <p id="dialog-message">{request.message}</p>
        {request.kind === 'confirm' && request.items && request.items.length > 0 && (
          <ul className="dialog-items" aria-label="Affected">
            {request.items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        )}
        {request.kind === 'prompt' && (
          <label className="field">
            <span>{request.label}</span>
            <input autoFocus value={value} onChange={(e) => setValue(e.target.value)} spellCheck={false} />
          </label>
        )}
        <div className="dialog-actions">
          {request.kind === 'prompt' && request.extra && (
            <button type="button" onClick={() => request.resolve({ extra: request.extra!.id })}>
              {request.extra.label}
            </button>
          )}
          <span className="grow" />
          <button type="button" onClick={cancel}>
            {request.kind === 'confirm' ? request.cancelLabel : 'Cancel'}
          </button>
          <button type="submit" className={request.kind === 'confirm' && request.danger ? 'danger' : 'primary'} autoFocus={request.kind === 'confirm'}>
            {request.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
