import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { IdDocumentType } from '../api/types';
import { Barcode } from '../components/Barcode';
import { ConsentBlock } from '../components/ConsentBlock';
import { Fact } from '../components/Fact';
import { IdDocumentSelect } from '../components/IdDocumentSelect';
import { ProblemAlert } from '../components/ProblemAlert';
import { CardStatusBadge, groupedCardNumber, MemberStatusBadge } from '../components/StatusBadge';
import { type Message, useAction } from '../hooks';
import { useFormat } from '../i18n/format';
import { useStaffSession } from '../session';
import { MemberAccountTools } from './MemberAccountTools';
import { MemberNotices } from './MemberNotices';
import { PersonFacts } from './PersonFacts';
import type { Visit } from './visit';

/** The ID document select of a lost card's reissue: the desk's cursor goes there. */
export const REISSUE_ID_FIELD = 'reissue-id';

/** Who the member is, and what the desk can do about their card, check-in and consent. */
export function MemberCard({
  visit,
  onChanged,
}: {
  visit: Visit;
  /** The member changed: open them again (with a new card's number), saying `said` if given. */
  onChanged(cardNumber?: string, said?: Message): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useStaffSession();
  const library = session.library!;
  const { member, card } = visit;
  const [idType, setIdType] = useState<IdDocumentType | ''>('');
  const action = useAction();

  const path = { memberId: member.id };
  const act = async <T,>(
    run: () => Promise<T>,
    after?: (result: T) => string | undefined,
    said?: Message,
  ) => {
    const result = await action.run(run);
    if (result !== undefined) onChanged(after?.(result), said);
  };
  /** An action that needs the ID document seen at the desk: disabled until its type is chosen. */
  const idCheckedButton = <T,>(
    label: string,
    post: (idDocumentType: IdDocumentType) => Promise<T>,
    after?: (result: T) => string | undefined,
    said?: Message,
  ) => (
    <button
      type="button"
      className="button primary"
      disabled={action.busy || !idType}
      onClick={() => idType && act(() => post(idType), after, said)}
    >
      {label}
    </button>
  );
  /** A member action that posts nothing but the member: unblock, renew consent, report lost. */
  const postButton = (
    className: string,
    label: string,
    post: () => Promise<unknown>,
    said?: Message,
  ) => (
    <button
      type="button"
      className={className}
      disabled={action.busy}
      onClick={() => act(post, undefined, said)}
    >
      {label}
    </button>
  );

  return (
    <section className="panel member-panel" aria-labelledby="member-name">
      <div className="member-panel-head">
        <h2 id="member-name" className="person-name member-name">
          {member.name ?? '—'}
        </h2>
        <MemberStatusBadge status={member.status} />
      </div>
      <dl className="facts">
        <Fact label={t('desk.card')}>
          {card.status === 'lost' ? (
            <del className="mono">{groupedCardNumber(card.number)}</del>
          ) : (
            <span className="mono">{groupedCardNumber(card.number)}</span>
          )}{' '}
          <CardStatusBadge status={card.status} blocked={card.blocked} />
        </Fact>
        <Fact label={t('account.homeLibrary')}>{format.name(member.homeLibrary)}</Fact>
        <PersonFacts member={member} />
      </dl>

      {member.visibility === 'limited' ? (
        <div className="notice notice-warn">
          <p className="strong">{t('desk.checkInNeeded', { library: format.name(library) })}</p>
          {member.suspendedUntil ? (
            // Said before anyone checks the ID: a check-in now could only be refused a loan.
            <p className="strong">
              {t('desk.suspendedBeforeCheckIn', { date: format.date(member.suspendedUntil) })}
            </p>
          ) : null}
          <p>{t('desk.checkInText')}</p>
          <IdDocumentSelect value={idType} onChange={setIdType} id="check-in-id" />
          {idCheckedButton(
            t('desk.checkIn'),
            (idDocumentType) =>
              answer(
                api.POST('/api/v1/members/{memberId}/check-ins', {
                  params: { path },
                  body: { idDocumentType, cardNumber: card.number },
                }),
              ),
            undefined,
            {
              key: 'desk.checkedInDone',
              values: { name: member.name ?? '', library: format.name(library) },
            },
          )}
        </div>
      ) : null}

      {member.visibility === 'full' && card.status === 'lost' ? (
        <div className="notice notice-bad lost-card" role="alert">
          <p className="strong">{t('desk.cardLost')}</p>
          <p>{t('desk.cardLostNoScan')}</p>
          <ol className="steps">
            <li>{t('desk.cardLostStepId')}</li>
            <li>{t('desk.cardLostStepType')}</li>
            <li>{t('desk.cardLostStepIssue')}</li>
          </ol>
          <IdDocumentSelect value={idType} onChange={setIdType} id={REISSUE_ID_FIELD} />
          {idCheckedButton(
            t('desk.reissue'),
            (idDocumentType) =>
              answer(
                api.POST('/api/v1/members/{memberId}/cards', {
                  params: { path },
                  body: { idDocumentType },
                }),
              ),
            (card) => card.number,
          )}
        </div>
      ) : null}

      {member.visibility === 'full' && card.status === 'replaced' ? (
        <div className="notice notice-bad replaced-card" role="alert">
          <p className="strong">{t('desk.cardReplaced')}</p>
          <p>{t('desk.cardReplacedNext')}</p>
        </div>
      ) : null}

      {visit.reissued && visit.reissued === card.number ? (
        <div className="notice notice-info new-card" role="status">
          <p className="strong">{t('desk.newCardTitle')}</p>
          <p className="mono new-card-number">{groupedCardNumber(card.number)}</p>
          <Barcode value={card.number} />
          <p>{t('desk.newCardText')}</p>
        </div>
      ) : null}

      {member.visibility === 'full' && card.blocked ? (
        <div className="notice notice-bad">
          <p className="strong">{t('desk.cardBlocked')}</p>
          {postButton(
            'button',
            t('desk.unblock'),
            () => answer(api.POST('/api/v1/members/{memberId}/card/unblock', { params: { path } })),
            { key: 'desk.unblocked', values: { name: member.name ?? '' } },
          )}
        </div>
      ) : null}

      {member.visibility === 'full' && member.consent.renewalDue ? (
        <div className="notice notice-info">
          <p>{t('desk.consentDue')}</p>
          <ConsentBlock />
          {postButton(
            'button',
            t('desk.consentRenew'),
            () => answer(api.POST('/api/v1/members/{memberId}/consent', { params: { path } })),
            { key: 'desk.consentRenewed', values: { name: member.name ?? '' } },
          )}
        </div>
      ) : null}

      {member.visibility === 'full' && card.status === 'valid' ? (
        <details className="more-actions">
          <summary>{t('desk.moreActions')}</summary>
          <p className="hint">{t('desk.reportLostHint')}</p>
          {postButton('button danger', t('desk.reportLost'), () =>
            answer(api.POST('/api/v1/members/{memberId}/card/lost', { params: { path } })),
          )}
        </details>
      ) : null}
      {member.visibility === 'full' ? (
        <MemberAccountTools member={member} onChanged={() => onChanged()} />
      ) : null}
      {member.visibility === 'full' ? <MemberNotices memberId={member.id} /> : null}
      <ProblemAlert problem={action.problem} large />
    </section>
  );
}
