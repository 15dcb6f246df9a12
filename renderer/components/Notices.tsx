// Status messages at the bottom right, announced politely to screen readers.
import { useStore } from '../state/store';
import { dismiss, notices } from '../state/notices';

export function Notices() {
  const list = useStore(notices, (n) => n);
  return (
    <div className="notices" role="status" aria-live="polite">
      {list.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`}>
          <span>{n.text}</span>
          <button type="button" aria-label="Dismiss message" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
