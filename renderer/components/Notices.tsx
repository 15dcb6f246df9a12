// Status messages at the bottom right, announced politely to screen readers.
import { useStore } from '../state/store';
import { useEffect } from 'react';
import { dismiss, dismissOtherScreens, notices } from '../state/notices';
import { screen } from '../state/app';

export function Notices() {
  const list = useStore(notices, (n) => n);
  const current = useStore(screen, (s) => s);
  // A message about one screen does not follow the user to the next.
  useEffect(() => dismissOtherScreens(current), [current]);
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
