import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import { useAction } from '../hooks';
import { useStaffSession } from '../session';
import { Field } from './Field';
import { PageTitle } from './Page';
import { ProblemAlert } from './ProblemAlert';

/** After a one-time password (init, or an admin's reset): the staff member chooses their own. */
export function StaffPasswordChange() {
  const { t } = useTranslation();
  const session = useStaffSession();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await action.run(async () => {
      await answer(
        api.POST('/api/v1/staff/me/password', { body: { currentPassword, newPassword } }),
      );
      await session.refresh();
    });
  };
  return (
    <div className="narrow">
      <PageTitle>{t('staffPasswordChange.title')}</PageTitle>
      <p>{t('staffPasswordChange.lead')}</p>
      <form className="form" onSubmit={submit}>
        <Field
          label={t('staffPasswordChange.current')}
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
        <ProblemAlert problem={action.problem} />
        <button type="submit" className="button primary" disabled={action.busy}>
          {t('staffPasswordChange.save')}
        </button>
      </form>
    </div>
  );
}
