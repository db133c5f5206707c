import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import { useSaving } from '../hooks';
import { useStaffSession } from '../session';
import { Field } from './Field';
import { FormOutcome } from './FormParts';
import { PageTitle } from './Page';

/**
 * After a one-time password (init, or an admin's reset) the staff member must choose their own
 * (`forced`); from the desk and the administration they may change it at any time.
 */
export function StaffPasswordChange({ forced = true }: { forced?: boolean }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const action = useSaving();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await action.save(
      async () => {
        await answer(
          api.POST('/api/v1/staff/me/password', { body: { currentPassword, newPassword } }),
        );
        await session.refresh();
        return true;
      },
      () => t('staffPasswordChange.saved'),
    );
    if (done) {
      setCurrentPassword('');
      setNewPassword('');
    }
  };
  return (
    <div className="narrow">
      <PageTitle>
        {t(forced ? 'staffPasswordChange.title' : 'staffPasswordChange.anyTime')}
      </PageTitle>
      <p>{t(forced ? 'staffPasswordChange.lead' : 'staffPasswordChange.anyTimeLead')}</p>
      <form className="form" onSubmit={submit}>
        <Field
          label={t(forced ? 'staffPasswordChange.current' : 'staffPasswordChange.yourCurrent')}
          name="current-password"
          type="password"
          autoComplete="current-password"
          required
          data-autofocus
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
        />
        <Field
          label={t('staffPasswordChange.new')}
          name="new-password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
        />
        <FormOutcome problem={action.problem} saved={action.saved} />
        <button type="submit" className="button primary" disabled={action.busy}>
          {t('staffPasswordChange.save')}
        </button>
      </form>
    </div>
  );
}
