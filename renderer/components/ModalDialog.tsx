// A modal dialog opened as it mounts: in a portal (so it never takes the styles of the
// header or panel that opened it), Escape and the close button both call onClose.
import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export function ModalDialog({
  className,
  labelledBy,
  onClose,
  children,
}: {
  className?: string;
  /** The id of the dialog's heading. */
  labelledBy: string;
  onClose(): void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => ref.current?.showModal(), []);
  return createPortal(
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        // The dialog closes when the parent unmounts it, not by itself.
        e.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>,
    document.body,
  );
}
