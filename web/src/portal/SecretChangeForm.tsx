import { type FormEvent, type InputHTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api, localProblem } from '../api/client';
import { Field } from '../components/Field';
import { CurrentPasswordField, SubmitButton } from '../components/FormParts';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusLine } from '../components/StatusLine';
import { useAction } from '../hooks';

/** What differs between changing the password and changing the PIN. */
interface SecretChange {
  id: string;
  /** Sends the current password and the new secret. */
  send: (currentPassword: string, secret: string) => Promise<unknown>;
  title: string;
  intro?: string;
  newLabel: string;
  newHint?: string;
  confirmLabel: string;
  /** How the new secret is typed (length, digits, autocomplete). */
  input: InputHTMLAttributes<HTMLInputElement>;
  mismatch: string;
  changed: string;
  submit: string;
}

/** Current password, the new secret twice: the two must match before anything is sent. */
function SecretChangeForm({ change }: { change: SecretChange }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (next !== confirm) {
      action.setProblem(localProblem(change.mismatch));
      return;
    }
    const ok = await action.run(() => change.send(current, next));
    if (ok) {
      setDone(true);
      setCurrent('');
      setNext('');
      setConfirm('');
    }
  };
  const titleId = `${change.id}-title`;
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby={titleId}>
      <h2 id={titleId}>{change.title}</h2>
      {change.intro ? <p className="hint">{change.intro}</p> : null}
      <CurrentPasswordField
        label={t('account.currentPassword')}
        value={current}
        onValue={setCurrent}
      />
      <Field
        label={change.newLabel}
        hint={change.newHint}
        type="password"
        required
        {...change.input}
        value={next}
        onValue={setNext}
      />
      <Field
        label={change.confirmLabel}
        type="password"
        required
        {...change.input}
        value={confirm}
        onValue={setConfirm}
      />
      <ProblemAlert problem={action.problem} />
      <StatusLine text={done ? change.changed : ''} />
      <SubmitButton busy={action.busy}>{change.submit}</SubmitButton>
    </form>
  );
}

export function PasswordForm() {
  const { t } = useTranslation();
  return (
    <SecretChangeForm
      change={{
        id: 'password',
        send: (currentPassword, newPassword) =>
          answer(api.POST('/api/v1/me/password', { body: { currentPassword, newPassword } })),
        title: t('account.passwordTitle'),
        newLabel: t('account.newPassword'),
        newHint: t('common.passwordHint'),
        confirmLabel: t('common.passwordConfirm'),
        input: { autoComplete: 'new-password', minLength: 8 },
        mismatch: t('common.passwordMismatch'),
        changed: t('account.passwordChanged'),
        submit: t('account.passwordSubmit'),
      }}
    />
  );
}

export function PinForm() {
  const { t } = useTranslation();
  return (
    <SecretChangeForm
      change={{
        id: 'pin',
        send: (currentPassword, newPin) =>
          answer(api.POST('/api/v1/me/pin', { body: { currentPassword, newPin } })),
        title: t('account.pinTitle'),
        intro: t('account.pinHint'),
        newLabel: t('account.newPin'),
        confirmLabel: t('account.pinConfirm'),
        input: { inputMode: 'numeric', autoComplete: 'off', pattern: '\\d{4,6}' },
        mismatch: t('account.pinMismatch'),
        changed: t('account.pinChanged'),
        submit: t('account.pinSubmit'),
      }}
    />
  );
}
