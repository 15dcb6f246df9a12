// The settings column of a screen that starts work (Simulate, every What if tab): a form
// whose submit (the button, or Enter in a field) starts it, never a page reload.
import type { ReactNode } from 'react';

export function SettingsForm({ label, title, onSubmit, children }: { label: string; title: string; onSubmit(): void; children: ReactNode }) {
  return (
    <aside className="side" aria-label={label}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <h2>{title}</h2>
        {children}
      </form>
    </aside>
  );
}
