import { useTranslation } from 'react-i18next';
import { type TitleHolding, useTitle } from '../api/catalogue';
import { groupByRegionOf } from '../api/directory';
import {
  AvailabilitySummary,
  CheckedInBadge,
  HoldingCopies,
  TitleByline,
} from '../components/Catalogue';
import { Fact } from '../components/Fact';
import { BackLink, Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useFormat } from '../i18n/format';
import { Link } from '../router';
import { useMemberSession, useMemberViewer } from '../session';
import { LibraryReachFacts } from './Directory';
import { PlaceHoldButton } from './HoldsTab';
import { RequestTitle } from './Requests';

/** Every copy of the title at that library is out (on loan, or set aside): a hold can wait for one. */
const allOut = (holding: TitleHolding) => holding.available === 0 && holding.copies > 0;

/**
 * Whether the member may borrow there now (checked in), and if not what to do: bring the card and
 * an ID to that library's desk. Nothing for an anonymous reader (the page says to sign in).
 */
function CheckInState({ holding }: { holding: TitleHolding }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (holding.checkedIn === null) return null;
  return (
    <div className={holding.checkedIn ? 'check-in-state' : 'check-in-state check-in-needed'}>
      <CheckedInBadge checkedIn={holding.checkedIn} />
      <p>
        {!holding.checkedIn
          ? t('catalogue.checkInHowTo', { library: format.name(holding.library) })
          : allOut(holding)
            ? t('catalogue.checkedInAllOut')
            : t('catalogue.checkedInText')}
      </p>
    </div>
  );
}

function HoldingCard({ holding, recordId }: { holding: TitleHolding; recordId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { library } = holding;
  const page = `/portal/libraries/${library.id}`;
  return (
    <li className="library-card holding-card">
      <div className="library-card-head">
        <h4>
          <Link to={page}>{format.name(library)}</Link>
        </h4>
        <HoldingCopies holding={holding} />
      </div>
      <CheckInState holding={holding} />
      {holding.checkedIn === true && allOut(holding) ? (
        <PlaceHoldButton libraryId={library.id} recordId={recordId} />
      ) : null}
      <dl className="facts compact">
        <LibraryReachFacts
          address={{ ko: library.addressKo, en: library.addressEn }}
          phone={library.phone}
          hours={{ ko: library.openingHoursKo, en: library.openingHoursEn }}
          knownOnly
        />
      </dl>
      <p className="small">
        <Link to={page}>{t('catalogue.libraryPage')}</Link>
      </p>
    </li>
  );
}

/** A title: its record, then every library that holds it by region, with how to borrow there. */
export function TitlePage({ id }: { id: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useMemberSession();
  const detail = useTitle(id, useMemberViewer());
  if (detail.problem) return <ProblemAlert problem={detail.problem} />;
  // While a new answer comes (signed in or out), the last one's check-ins are not shown.
  if (!detail.data || detail.loading) return <Loading />;
  const { title, holdings } = detail.data;
  const facts: [string, string | null][] = [
    ['catalogue.author', title.author],
    ['catalogue.publisher', title.publisher],
    ['catalogue.year', title.year === null ? null : String(title.year)],
    ['catalogue.isbn', title.isbn],
    ['catalogue.kdc', title.kdc],
    ['catalogue.subjects', title.subjects.length > 0 ? title.subjects.join(', ') : null],
  ];
  return (
    <article className="title-detail">
      <BackLink fallback="/portal/search" />
      <PageTitle>{title.title}</PageTitle>
      <TitleByline title={title} />
      <section className="panel" aria-labelledby="title-about">
        <h2 id="title-about">{t('catalogue.aboutTitle')}</h2>
        <dl className="facts">
          {facts.map(([label, value]) =>
            value ? (
              <Fact key={label} label={t(label)}>
                {value}
              </Fact>
            ) : null,
          )}
        </dl>
      </section>
      <section aria-labelledby="title-holdings">
        <h2 id="title-holdings">{t('catalogue.holdings')}</h2>
        <AvailabilitySummary title={title} />
        {session.state === 'signedOut' ? (
          <p className="notice notice-info">
            {t('catalogue.anonymousNote')}{' '}
            <Link to={`/portal/sign-in?${new URLSearchParams({ next: `/portal/titles/${id}` })}`}>
              {t('common.signIn')}
            </Link>
          </p>
        ) : null}
        {session.state === 'signedIn' ? <RequestTitle titleId={id} holdings={holdings} /> : null}
        {groupByRegionOf(holdings, (holding) => holding.library.region).map((group) => (
          <section
            key={group.region.code}
            className="region-group"
            aria-labelledby={`holdings-${group.region.code}`}
          >
            <h3 id={`holdings-${group.region.code}`}>{format.name(group.region)}</h3>
            <ul className="library-list">
              {group.items.map((holding) => (
                <HoldingCard key={holding.library.id} holding={holding} recordId={id} />
              ))}
            </ul>
          </section>
        ))}
      </section>
    </article>
  );
}
