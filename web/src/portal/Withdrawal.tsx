import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import { ConfirmButton } from '../components/ConfirmButton';
import { Field } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { useWithdrawalBlockers, WithdrawalBlocked } from '../components/WithdrawalBlocked';
import { useAction, useResource } from '../hooks';
import { useMemberSession } from '../session';
import { sayFarewell } from './farewell';
import { useMyStatus } from './LoansTab';
import { isOpenHold, isOpenRequest, readMyHoldsAndRequests } from './my-holds-and-requests';

/** The member's holds and requests still open: a withdrawal cancels them. */
function useOpenHoldsAndRequests() {
  const open = useResource('withdrawal-ending', async () => {
    const { holds, requests } = await readMyHoldsAndRequests();
    return {
      holds: holds.filter(isOpenHold).length,
      requests: requests.filter(isOpenRequest).length,
    };
  });
  return open.data;
}

/**
 * Withdrawal from the portal: refused while a suspension runs (until when), a book is overdue or
 * loans are open — the refusal says which, in the reader's language.
 */
export function WithdrawalPanel() {
  const { t } = useTranslation();
  const session = useMemberSession();
  const [password, setPassword] = useState('');
  const action = useAction();
  // Shared with the loans tab: what stops a withdrawal is said before the password is asked for.
  const status = useMyStatus();
  const blockers = useWithdrawalBlockers(status.data);
  const ending = useOpenHoldsAndRequests();
  const endsToo =
    ending && ending.holds + ending.requests > 0 ? t('withdrawal.endsToo', ending) : '';
  const withdraw = async () => {
    const done = await action.run(() =>
      answer(api.POST('/api/v1/me/withdrawal', { body: { password } })),
    );
    if (done === undefined) return false;
    sayFarewell();
    await session.refresh();
    return true;
  };
  return (
    <section className="panel" aria-labelledby="withdrawal-title">
      <h2 id="withdrawal-title">{t('withdrawal.title')}</h2>
      <p className="hint">{t('withdrawal.hint')}</p>
      {blockers.length > 0 ? (
        <WithdrawalBlocked blockers={blockers} />
      ) : (
        // Enter in the password field does not withdraw: only the question's "yes" does.
        <form className="form" onSubmit={(event: FormEvent) => event.preventDefault()}>
          <Field
            label={t('common.password')}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {endsToo ? <p className="notice notice-info">{endsToo}</p> : null}
          <ProblemAlert problem={action.problem} />
          <ConfirmButton
            label={t('withdrawal.submit')}
            question={endsToo ? `${t('withdrawal.confirm')} ${endsToo}` : t('withdrawal.confirm')}
            yes={t('withdrawal.confirmYes')}
            busy={action.busy}
            onConfirm={withdraw}
          />
        </form>
      )}
    </section>
  );
}
