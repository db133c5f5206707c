import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { Terminal } from '../api/types';
import { NewPasswordField, SubmitButton } from '../components/FormParts';
import type { useSaving } from '../hooks';

/**
 * A machine's row actions: stop or allow its sign-in, and give it a new password (typed here,
 * then into the machine's settings; its open SIP2 sessions keep nothing of the old one).
 */
export function TerminalActions({
  terminal,
  form,
  onChanged,
}: {
  terminal: Terminal;
  form: ReturnType<typeof useSaving>;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const [rotating, setRotating] = useState(false);
  const [password, setPassword] = useState('');
  const params = { path: { terminalId: terminal.id } };
  const toggle = async () => {
    const result = await form.save(
      () =>
        answer(
          api.POST('/api/v1/terminals/{terminalId}/disabled', {
            params,
            body: { disabled: !terminal.disabled },
          }),
        ),
      () =>
        t(terminal.disabled ? 'admin.terminalEnabled' : 'admin.terminalDisabled', {
          name: terminal.username,
        }),
    );
    if (result) onChanged();
  };
  const rotate = async (event: FormEvent) => {
    event.preventDefault();
    const result = await form.save(
      () =>
        answer(api.POST('/api/v1/terminals/{terminalId}/password', { params, body: { password } })),
      () => t('admin.terminalPasswordChanged', { name: terminal.username }),
    );
    if (result) {
      setPassword('');
      setRotating(false);
      onChanged();
    }
  };
  return (
    <div>
      <div className="button-row">
        <button
          type="button"
          className="button small"
          disabled={form.busy}
          onClick={() => void toggle()}
        >
          {terminal.disabled ? t('admin.enable') : t('admin.disable')}
        </button>
        <button
          type="button"
          className="button small"
          aria-expanded={rotating}
          onClick={() => setRotating(!rotating)}
        >
          {t('admin.terminalNewPassword')}
        </button>
      </div>
      {rotating ? (
        <form
          className="form"
          aria-label={t('admin.terminalNewPasswordFor', { name: terminal.username })}
          onSubmit={rotate}
        >
          <NewPasswordField
            label={t('admin.terminalNewPassword')}
            value={password}
            onValue={setPassword}
          />
          <SubmitButton busy={form.busy}>{t('admin.terminalSavePassword')}</SubmitButton>
        </form>
      ) : null}
    </div>
  );
}
