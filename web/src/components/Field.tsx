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
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = `${inputId}-hint`;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={inputId}>{label}</label>
      <input
        ref={ref}
        id={inputId}
        aria-describedby={hint ? hintId : undefined}
        {...input}
        onChange={onValue ? (e) => onValue(e.target.value) : input.onChange}
      />
      {hint ? (
        <p className="hint" id={hintId}>
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
  const generated = useId();
  const selectId = id ?? generated;
  const hintId = `${selectId}-hint`;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={selectId}>{label}</label>
      <select id={selectId} aria-describedby={hint ? hintId : undefined} {...select}>
        {children}
      </select>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
