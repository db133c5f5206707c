import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../components/Field';
import { CurrentPasswordField, SubmitButton } from '../components/FormParts';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useAction } from '../hooks';
import { Link, useRouter } from '../router';
import { useMemberSession } from '../session';
import { takeFarewell } from './farewell';

/** Card number (or, before a card exists, the phone or e-mail of the sign-up) and password. */
export function SignIn({ returnTo = '/portal/me' }: { returnTo?: string }) {
  const { t } = useTranslation();
  const session = useMemberSession();
  const { navigate, path } = useRouter();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  // Just withdrawn: said once, here, and given the keyboard.
  const [farewell] = useState(takeFarewell);
  const farewellRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (farewell) farewellRef.current?.focus();
  }, [farewell]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(async () => {
      await session.signIn(login, password);
      return true;
    });
    if (ok && path !== returnTo) navigate(returnTo, { replace: true });
  };

  return (
    <div className="narrow">
      <PageTitle>{t('signIn.title')}</PageTitle>
      {farewell ? (
        <p className="notice notice-info" role="status" ref={farewellRef} tabIndex={-1}>
          {t('withdrawal.doneMember')}
        </p>
      ) : path !== '/portal/sign-in' ? (
        <p className="lead">{t('signIn.needed')}</p>
      ) : null}
      <form className="form" onSubmit={submit}>
        <Field
          label={t('signIn.login')}
          hint={t('signIn.loginHint')}
          name="login"
          autoComplete="username"
          required
          value={login}
          onValue={setLogin}
        />
        <CurrentPasswordField name="password" value={password} onValue={setPassword} />
        <ProblemAlert problem={action.problem} />
        <SubmitButton busy={action.busy}>{t('common.signIn')}</SubmitButton>
      </form>
      <p>
        {t('signIn.noAccount')} <Link to="/portal/sign-up">{t('portal.signUp')}</Link>
      </p>
    </div>
  );
}
