import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { Terminal } from '../api/types';
import { NewPasswordField, SubmitButton } from '../components/FormParts';
import type { useSaving } from '../hooks';

/**
 * A machine's row actions: stop or allow its sign-in, give it a new password (typed here, then
 * into the machine's settings; its open SIP2 sessions keep nothing of the old one), and set the
 * addresses it may log in from (empty: any address).
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
  const [editingAddresses, setEditingAddresses] = useState(false);
  const [addresses, setAddresses] = useState(terminal.allowedAddresses.join('\n'));
  const addressesId = useId();
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
  const saveAddresses = async (event: FormEvent) => {
    event.preventDefault();
    const allowedAddresses = addresses
      .split(/[\s,]+/)
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    const result = await form.save(
      () =>
        answer(
          api.PUT('/api/v1/terminals/{terminalId}/allowed-addresses', {
            params,
            body: { allowedAddresses },
          }),
        ),
      (saved) =>
        saved.allowedAddresses.length === 0
          ? t('admin.terminalAddressesCleared', { name: terminal.username })
          : t('admin.terminalAddressesSaved', {
              name: terminal.username,
              addresses: saved.allowedAddresses.join(', '),
            }),
    );
    if (result) {
      setAddresses(result.allowedAddresses.join('\n'));
      setEditingAddresses(false);
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
        <button
          type="button"
          className="button small"
          aria-expanded={editingAddresses}
          onClick={() => setEditingAddresses(!editingAddresses)}
        >
          {t('admin.terminalAddresses')}
        </button>
      </div>
      {editingAddresses ? (
        <form
          className="form"
          aria-label={t('admin.terminalAddressesFor', { name: terminal.username })}
          onSubmit={saveAddresses}
        >
          <div className="field">
            <label htmlFor={addressesId}>{t('admin.allowedAddressesLabel')}</label>
            <textarea
              id={addressesId}
              aria-describedby={`${addressesId}-hint`}
              rows={3}
              spellCheck={false}
              autoCapitalize="none"
              className="mono"
              value={addresses}
              onChange={(e) => setAddresses(e.target.value)}
            />
            <p className="hint" id={`${addressesId}-hint`}>
              {t('admin.allowedAddressesHint')}
            </p>
          </div>
          <SubmitButton busy={form.busy}>{t('admin.terminalSaveAddresses')}</SubmitButton>
        </form>
      ) : null}
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
