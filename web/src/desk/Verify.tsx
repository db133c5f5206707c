import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api, localProblem } from '../api/client';
import type { Card, IdDocumentType, LibraryRef, Member } from '../api/types';
import { Fact } from '../components/Fact';
import { Field } from '../components/Field';
import { SubmitButton } from '../components/FormParts';
import { IdDocumentSelect } from '../components/IdDocumentSelect';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { MemberStatusBadge } from '../components/StatusBadge';
import { useAction } from '../hooks';
import { useFormat } from '../i18n/format';
import { useStaffSession } from '../session';
import { PersonFacts } from './PersonFacts';
import { IssuedCard } from './Register';

function PendingMember({ member, onVerified }: { member: Member; onVerified(card: Card): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useStaffSession();
  const [idType, setIdType] = useState<IdDocumentType | ''>('');
  const action = useAction();
  const homeHere = member.homeLibrary.id === session.library?.id;
  return (
    <li className="panel found-member">
      <div className="member-panel-head">
        <h2 className="person-name">{member.name ?? '—'}</h2>
        <MemberStatusBadge status={member.status} />
      </div>
      <dl className="facts compact">
        <PersonFacts member={member} />
        <Fact label={t('account.homeLibrary')}>{format.name(member.homeLibrary)}</Fact>
      </dl>
      {member.status !== 'pending' ? (
        <p className="muted">{t('verify.notPending')}</p>
      ) : homeHere ? (
        <div className="verify-action">
          <IdDocumentSelect value={idType} onChange={setIdType} id={`verify-id-${member.id}`} />
          <button
            type="button"
            className="button primary"
            disabled={action.busy || !idType}
            onClick={async () => {
              if (!idType) return;
              const result = await action.run(() =>
                answer(
                  api.POST('/api/v1/members/{memberId}/verification', {
                    params: { path: { memberId: member.id } },
                    body: { idDocumentType: idType },
                  }),
                ),
              );
              if (result) onVerified(result.card);
            }}
          >
            {t('verify.submit')}
          </button>
        </div>
      ) : (
        <p className="notice notice-warn">
          {t('verify.otherHome', { library: format.name(member.homeLibrary) })}
        </p>
      )}
      <ProblemAlert problem={action.problem} large />
    </li>
  );
}

/** Desk verification of an online pre-registration at the home library. */
export function Verify() {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [found, setFound] = useState<Member[]>();
  /** Where someone matching applied online, when no member here matches. */
  const [appliedAt, setAppliedAt] = useState<LibraryRef[]>([]);
  const [issued, setIssued] = useState<{ name: string; card: Card }>();
  const action = useAction();
  const format = useFormat();

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setIssued(undefined);
    let query: { phone: string } | { name: string; birthDate: string };
    if (phone.trim()) query = { phone: phone.trim() };
    else if (name.trim() && birthDate) query = { name: name.trim(), birthDate };
    else {
      action.setProblem(localProblem(t('verify.searchNeeded')));
      return;
    }
    const result = await action.run(() =>
      answer(api.GET('/api/v1/members', { params: { query } })),
    );
    if (result) {
      setFound(result.members);
      setAppliedAt(result.appliedAt);
    }
  };

  return (
    <div className="desk-page">
      <PageTitle>{t('desk.page.verify')}</PageTitle>
      <p className="lead">{t('verify.lead')}</p>
      <form className="form search-form" onSubmit={search}>
        <Field
          label={t('person.phone')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          data-autofocus
          value={phone}
          onValue={setPhone}
        />
        <p className="or">{t('verify.or')}</p>
        <Field label={t('person.name')} autoComplete="off" value={name} onValue={setName} />
        <Field label={t('person.birthDate')} type="date" value={birthDate} onValue={setBirthDate} />
        <SubmitButton busy={action.busy}>{t('verify.search')}</SubmitButton>
      </form>
      <ProblemAlert problem={action.problem} large />
      {/* Joined online: no PIN was asked, the member chooses it in the portal. */}
      {issued ? <IssuedCard name={issued.name} card={issued.card} noPin /> : null}
      {found && !issued ? (
        found.length === 0 && appliedAt.length > 0 ? (
          // Not a dead end: registering them here would be refused as the same person.
          <p className="notice notice-warn" role="status">
            {t('verify.appliedElsewhere', {
              libraries: appliedAt.map((library) => format.name(library)).join(', '),
            })}
          </p>
        ) : found.length === 0 ? (
          <p className="notice notice-info" role="status">
            {t('verify.none')}
          </p>
        ) : (
          <ul className="found-list" aria-label={t('verify.results')}>
            {found.map((member) => (
              <PendingMember
                key={member.id}
                member={member}
                onVerified={(card) => setIssued({ name: member.name ?? '', card })}
              />
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
