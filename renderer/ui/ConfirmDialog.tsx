import { useEffect, useRef, type ReactNode } from 'react';

interface Choice {
  label: string;
  onSelect(): void;
  variant?: 'primary' | 'danger' | 'plain';
}

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  choices: Choice[];
  onCancel(): void;
}

/** A modal that traps nothing but focus on open and closes on Escape, built on <dialog>. */
export function ConfirmDialog({ title, children, choices, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-title"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      <div className="dialog__body">{children}</div>
      <div className="dialog__actions">
        {choices.map((choice, index) => (
          <button
            key={choice.label}
            type="button"
            className={`button button--${choice.variant ?? 'plain'}`}
            autoFocus={index === 0}
            onClick={choice.onSelect}
          >
            {choice.label}
          </button>
        ))}
      </div>
    </dialog>
  );
}
