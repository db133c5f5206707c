import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Problem, problemOf } from '../api/client';
import { ProblemAlert } from './ProblemAlert';

interface Props {
  signOut(): Promise<void>;
  className?: string;
  children?: ReactNode;
}

/**
 * Signs out, and says so plainly when the session could not be ended (the server unreachable):
 * on a shared PC the next person must not inherit an account its owner thinks is closed.
 */
export function SignOutButton({ signOut, className = 'link-button', children }: Props) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem>();
  const [sending, setSending] = useState(false);

  const click = async () => {
    setSending(true);
    setProblem(undefined);
    try {
      await signOut();
    } catch (error) {
      setProblem(problemOf(error));
      setSending(false);
    }
  };

  return (
    <>
      <button type="button" className={className} disabled={sending} onClick={() => void click()}>
        {children ?? t('common.signOut')}
      </button>
      <ProblemAlert problem={problem} title={problem ? t('common.signOutFailed') : undefined} />
    </>
  );
}
