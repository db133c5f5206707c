import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { FullMember } from '../api/types';
import { ConsentBlock } from '../components/ConsentBlock';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { MemberStatusBadge } from '../components/StatusBadge';
import { useAction } from '../hooks';
import { useFormat } from '../i18n/format';
import { Link, useRouter } from '../router';
import { useMemberSession } from '../session';
import { AccountTab } from './AccountTab';
import { CardTab } from './CardTab';
import { HistoryTab } from './HistoryTab';
import { HoldsTab } from './HoldsTab';
import { LoansTab } from './LoansTab';
import { NoticesTab } from './NoticesTab';
import { RequestsTab } from './Requests';

const TABS = [
  { path: '/portal/me', key: 'loans' },
  { path: '/portal/me/holds', key: 'holds' },
  { path: '/portal/me/card', key: 'card' },
  { path: '/portal/me/requests', key: 'requests' },
  { path: '/portal/me/history', key: 'history' },
  { path: '/portal/me/notices', key: 'notices' },
  { path: '/portal/me/account', key: 'account' },
] as const;

function PendingNotice({ member }: { member: FullMember }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="notice notice-warn" aria-labelledby="pending-title">
      <h2 id="pending-title">{t('my.pendingTitle')}</h2>
      <p>{t('my.pendingText', { library: format.name(member.homeLibrary) })}</p>
      <p className="hint">{t('my.pendingHint')}</p>
    </section>
  );
}

function ConsentNotice({ member, onRenewed }: { member: FullMember; onRenewed(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const action = useAction();
  if (!member.consent.renewalDue) return null;
  return (
    <section className="notice notice-info" aria-labelledby="consent-title">
      <h2 id="consent-title">{t('my.consentTitle')}</h2>
      <p>
        {t('my.consentText', {
          date: member.consent.expiresOn ? format.date(member.consent.expiresOn) : '—',
        })}
      </p>
      <ConsentBlock />
      <ProblemAlert problem={action.problem} />
      <button
        type="button"
        className="button"
        disabled={action.busy}
        onClick={async () => {
          if (await action.run(() => answer(api.POST('/api/v1/me/consent')))) onRenewed();
        }}
      >
        {t('my.consentRenew')}
      </button>
    </section>
  );
}

export function MyLibrary() {
  const { t } = useTranslation();
  const { path } = useRouter();
  const session = useMemberSession();
  const member = session.member;
  if (!member) return <Loading />;
  const tab = TABS.find((candidate) => candidate.path === path)?.key ?? 'loans';
  const title = t('my.title', { name: member.name ?? '' });
  const tabName = t(`my.tab.${tab}`);
  return (
    <div className="my">
      <div className="my-head">
        {/* Each tab is a page of its own to a screen reader: its name is in the title and heading. */}
        <PageTitle title={`${tabName} · ${title}`}>
          <span className="person-name">{title}</span>
          <span className="visually-hidden"> · {tabName}</span>
        </PageTitle>
        <MemberStatusBadge status={member.status} />
      </div>
      {member.status === 'pending' ? <PendingNotice member={member} /> : null}
      <ConsentNotice member={member} onRenewed={() => void session.refresh()} />
      <nav className="tabs" aria-label={t('my.sections')}>
        {TABS.map((candidate) => (
          <Link
            key={candidate.key}
            to={candidate.path}
            aria-current={candidate.key === tab ? 'page' : undefined}
          >
            {t(`my.tab.${candidate.key}`)}
          </Link>
        ))}
      </nav>
      {tab === 'loans' ? <LoansTab /> : null}
      {tab === 'holds' ? <HoldsTab /> : null}
      {tab === 'card' ? <CardTab member={member} onChanged={() => void session.refresh()} /> : null}
      {tab === 'requests' ? <RequestsTab /> : null}
      {tab === 'history' ? <HistoryTab /> : null}
      {tab === 'notices' ? <NoticesTab /> : null}
      {tab === 'account' ? <AccountTab member={member} /> : null}
    </div>
  );
}
