import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './Field';

/** The form's main button, held while its request is on the way. */
export function SubmitButton({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <button type="submit" className="button primary" disabled={busy}>
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
}: {
  value: string;
  onValue(value: string): void;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <Field
      label={label ?? t('common.password')}
      hint={t('common.passwordHint')}
      type="password"
      autoComplete="new-password"
      required
      minLength={8}
      value={value}
      onValue={onValue}
    />
  );
}
