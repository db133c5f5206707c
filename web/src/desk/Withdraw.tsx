import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { Answer } from '../api/types';
import { ConfirmButton } from '../components/ConfirmButton';
import { Field } from '../components/Field';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useWithdrawalBlockers, WithdrawalBlocked } from '../components/WithdrawalBlocked';
import { useFocusWhenLost } from '../focus';
import { useAction } from '../hooks';

type Scanned = Answer<'getCardsByCardNumber'>;

/**
 * Withdrawal at the desk, after an ID check: scan the card, then withdraw. Refused while a
 * suspension runs (until when), a book is overdue or loans are open.
 */
export function Withdraw() {
  const { t } = useTranslation();
  const [card, setCard] = useState('');
  const [scanned, setScanned] = useState<Scanned>();
  const [done, setDone] = useState(false);
  const lookup = useAction();
  const action = useAction();
  // The button is gone with the member: the sentence that says it was done takes the keyboard.
  const doneRef = useFocusWhenLost<HTMLParagraphElement>(done);

  const scan = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    setScanned(undefined);
    const found = await lookup.run(() =>
      answer(
        api.GET('/api/v1/cards/{cardNumber}', { params: { path: { cardNumber: card.trim() } } }),
      ),
    );
    if (found) setScanned(found);
  };
  const withdraw = async () => {
    if (!scanned) return false;
    const result = await action.run(() =>
      answer(
        api.POST('/api/v1/members/{memberId}/withdrawal', {
          params: { path: { memberId: scanned.member.id } },
        }),
      ),
    );
    if (!result) return false;
    setDone(true);
    setScanned(undefined);
    setCard('');
    return true;
  };

  const status = scanned?.status;
  const blockers = useWithdrawalBlockers(status);

  return (
    <div className="desk-page">
      <PageTitle>{t('desk.page.withdraw')}</PageTitle>
      <p className="lead">{t('withdrawal.deskLead')}</p>
      <form className="form" onSubmit={scan}>
        <Field
          label={t('desk.cardLabel')}
          hint={t('desk.cardHint')}
          inputMode="numeric"
          autoComplete="off"
          data-autofocus
          value={card}
          onChange={(e) => setCard(e.target.value)}
        />
        <ProblemAlert problem={lookup.problem} large />
      </form>
      {done ? (
        <p className="notice notice-info" role="status" ref={doneRef} tabIndex={-1}>
          {t('withdrawal.done')}
        </p>
      ) : null}
      {scanned ? (
        <section className="panel" aria-labelledby="withdraw-member">
          <h2 id="withdraw-member" className="person-name">
            {scanned.member.name ?? '—'}
          </h2>
          <ProblemAlert problem={action.problem} large />
          {!status ? (
            // Only a library that holds the member withdraws them (it sees their status).
            <p className="notice notice-warn">{t('withdrawal.notHeldHere')}</p>
          ) : blockers.length > 0 ? (
            // Known before anyone is asked "are you sure?": what stops it, and nothing to press.
            <WithdrawalBlocked blockers={blockers} />
          ) : (
            <ConfirmButton
              label={t('withdrawal.submit')}
              question={t('withdrawal.deskConfirm', { name: scanned.member.name ?? '' })}
              yes={t('withdrawal.deskConfirmYes')}
              busy={action.busy}
              onConfirm={withdraw}
            />
          )}
        </section>
      ) : null}
    </div>
  );
}
