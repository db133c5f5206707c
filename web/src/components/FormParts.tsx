import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/client';
import { useFocusWhenLost } from '../focus';
import { Field } from './Field';
import { ProblemAlert } from './ProblemAlert';

/** The form's main button, held while its request is on the way. */
export function SubmitButton({
  busy,
  children,
  takesScans = false,
}: {
  busy: boolean;
  children: ReactNode;
  /** A scan form's button stays enabled while busy: a disabled one would swallow the next Enter. */
  takesScans?: boolean;
}) {
  return (
    <button
      type="submit"
      className="button primary"
      disabled={busy && !takesScans}
      aria-busy={busy}
    >
      {children}
    </button>
  );
}

/** The password someone types to prove who they are (signing in, before a change). */
export function CurrentPasswordField({
  value,
  onValue,
  label,
  name,
}: {
  value: string;
  onValue(value: string): void;
  label?: string;
  name?: string;
}) {
  const { t } = useTranslation();
  return (
    <Field
      label={label ?? t('common.password')}
      name={name}
      type="password"
      autoComplete="current-password"
      required
      value={value}
      onValue={onValue}
    />
  );
}

/** A password chosen for a new login (someone's own, or a staff member's, a machine's). */
export function NewPasswordField({
  value,
  onValue,
  label,
  hint,
  required = true,
  maxLength,
}: {
  value: string;
  onValue(value: string): void;
  label?: string;
  hint?: string;
  /** false where the password is one of two things that may be set (password or PIN). */
  required?: boolean;
  maxLength?: number;
}) {
  const { t } = useTranslation();
  return (
    <Field
      label={label ?? t('common.password')}
      hint={hint ?? t('common.passwordHint')}
      type="password"
      autoComplete="new-password"
      required={required}
      minLength={8}
      maxLength={maxLength}
      value={value}
      onValue={onValue}
    />
  );
}

/** A name in Korean and in English, both required, each marked with its language. */
export function NameFields({
  labels,
  values,
  onValues,
  maxLength,
}: {
  labels: [ko: string, en: string];
  values: [ko: string, en: string];
  onValues: [ko: (value: string) => void, en: (value: string) => void];
  maxLength?: number;
}) {
  return (
    <>
      {(['ko', 'en'] as const).map((lang, i) => (
        <Field
          key={lang}
          label={labels[i]}
          lang={lang}
          required
          maxLength={maxLength}
          value={values[i]}
          onValue={onValues[i]}
        />
      ))}
    </>
  );
}

/** A self-check PIN chosen for a member (4 to 6 digits), optional where it is set. */
export function NewPinField({
  value,
  onValue,
  label,
  hint,
}: {
  value: string;
  onValue(value: string): void;
  label: string;
  hint?: string;
}) {
  return (
    <Field
      label={label}
      hint={hint}
      type="password"
      inputMode="numeric"
      autoComplete="off"
      pattern="\d{4,6}"
      value={value}
      onValue={onValue}
    />
  );
}

/** Under a form: what was refused, or, once sent, the sentence saying it was done. */
export function FormOutcome({ problem, saved }: { problem: Problem | undefined; saved: string }) {
  // The saving button was disabled while busy: the sentence that says it worked takes the keyboard.
  const said = useFocusWhenLost<HTMLParagraphElement>(saved);
  return (
    <>
      <ProblemAlert problem={problem} />
      {saved ? (
        <p className="notice" role="status" ref={said} tabIndex={-1}>
          {saved}
        </p>
      ) : null}
    </>
  );
}
