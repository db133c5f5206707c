import {
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  useId,
} from 'react';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: ReactNode;
  hint?: ReactNode;
  ref?: Ref<HTMLInputElement>;
  /** The typed text, each time it changes (instead of `onChange`'s event). */
  onValue?: (value: string) => void;
}

/** A labelled input with an optional hint tied to it for screen readers. */
export function Field({ label, hint, id, className, ref, onValue, ...input }: FieldProps) {
  const ids = useFieldIds(id, hint);
  return (
    <FieldFrame label={label} hint={hint} className={className} ids={ids}>
      <input
        ref={ref}
        id={ids.id}
        aria-describedby={ids.describedBy}
        {...input}
        onChange={onValue ? (e) => onValue(e.target.value) : input.onChange}
      />
    </FieldFrame>
  );
}

/** The control's id (given, or generated) and its hint's, when there is a hint. */
function useFieldIds(id: string | undefined, hint: ReactNode) {
  const generated = useId();
  const controlId = id ?? generated;
  return {
    id: controlId,
    hintId: `${controlId}-hint`,
    describedBy: hint ? `${controlId}-hint` : undefined,
  };
}

/** A field's label, its control and its hint, tied together for screen readers. */
function FieldFrame({
  label,
  hint,
  className,
  ids,
  children,
}: {
  label: ReactNode;
  hint: ReactNode;
  className: string | undefined;
  ids: { id: string; hintId: string };
  children: ReactNode;
}) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={ids.id}>{label}</label>
      {children}
      {hint ? (
        <p className="hint" id={ids.hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
}

export function SelectField({ label, hint, id, children, className, ...select }: SelectProps) {
  const ids = useFieldIds(id, hint);
  return (
    <FieldFrame label={label} hint={hint} className={className} ids={ids}>
      <select id={ids.id} aria-describedby={ids.describedBy} {...select}>
        {children}
      </select>
    </FieldFrame>
  );
}
