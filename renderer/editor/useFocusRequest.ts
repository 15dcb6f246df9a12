// Focuses the form field a clicked problem points at, once the form has rendered it.
import { useEffect } from 'react';
import { useStore } from '../state/store';
import { editor } from '../state/editor';

export function useFocusRequest(): void {
  const focus = useStore(editor, (s) => s.focus);
  useEffect(() => {
    if (!focus) return;
    const id = requestAnimationFrame(() => {
      const el = document.getElementById(focus.domId);
      if (el) {
        el.scrollIntoView({ block: 'center', behavior: 'auto' });
        (el as HTMLElement).focus();
      }
    });
    return () => cancelAnimationFrame(id);
  }, [focus]);
}
