import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { focusPageStart } from '../focus';
import { useAction } from '../hooks';
import { useStaffSession } from '../session';
import { Field } from './Field';
import { CurrentPasswordField, SubmitButton } from './FormParts';
import { PageTitle } from './Page';
import { ProblemAlert } from './ProblemAlert';

export function StaffSignIn({ area }: { area: 'desk' | 'admin' }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  // Opened first (the morning's first page, a session timed out): the cursor waits in the user
  // name, so what the desk types first is not lost. Never taken from a field that has it.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) {
      focusPageStart(true);
    }
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await action.run(() => session.signIn(username, password));
  };
  return (
    <div className="narrow">
      <PageTitle>{t(`staffSignIn.title.${area}`)}</PageTitle>
      <form className="form" onSubmit={submit}>
        <Field
          label={t('staffSignIn.username')}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          data-autofocus
          value={username}
          onValue={setUsername}
        />
        <CurrentPasswordField name="password" value={password} onValue={setPassword} />
        <ProblemAlert problem={action.problem} />
        <SubmitButton busy={action.busy}>{t('common.signIn')}</SubmitButton>
      </form>
    </div>
  );
}
