import { useTranslation } from 'react-i18next';
import { type TitleHolding, titlePath, useTitle } from '../api/catalogue';
import { groupByRegionOf, useLibraries } from '../api/directory';
import type { Hold } from '../api/types';
import {
  AvailabilitySummary,
  CheckedInBadge,
  HoldingCopies,
  TitleByline,
} from '../components/Catalogue';
import { Fact } from '../components/Fact';
import { BackLink, Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useResource } from '../hooks';
import { useFormat } from '../i18n/format';
import { Link } from '../router';
import { useMemberSession, useMemberViewer } from '../session';
import { LibraryReachFacts } from './Directory';
import { PlaceHoldButton } from './HoldsTab';
import { isOpenHold, isOpenRequest, readMyHoldsAndRequests } from './my-holds-and-requests';
import { RequestTitle } from './Requests';

/** Every copy of the title at that library is out (on loan, or set aside): a hold can wait for one. */
const allOut = (holding: TitleHolding) => holding.available === 0 && holding.copies > 0;

/**
 * Whether the member may borrow there now (checked in), and if not what to do: bring the card and
 * an ID to that library's desk. Nothing for an anonymous reader (the page says to sign in).
 */
function CheckInState({
  holding,
  explain,
  held,
}: {
  holding: TitleHolding;
  explain: boolean;
  /** The member already waits for the title here: no "place a hold" in the sentence. */
  held: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (holding.checkedIn === null) return null;
  return (
    <div className={holding.checkedIn ? 'check-in-state' : 'check-in-state check-in-needed'}>
      <CheckedInBadge checkedIn={holding.checkedIn} />
      <p>
        {!holding.checkedIn
          ? t(explain ? 'catalogue.checkInHowTo' : 'catalogue.checkInShort', {
              library: format.name(holding.library),
            })
          : allOut(holding)
            ? t(held ? 'catalogue.checkedInAllOutHeld' : 'catalogue.checkedInAllOut')
            : t('catalogue.checkedInText')}
      </p>
    </div>
  );
}

/** The member's open hold (per library) and open request of this title, if any. */
function useMineOfTitle(recordId: number, signedIn: boolean) {
  return useResource(signedIn ? `title-mine-${recordId}` : null, async () => {
    const { holds, requests } = await readMyHoldsAndRequests();
    return {
      holds: holds.filter((h) => h.recordId === recordId && isOpenHold(h)),
      request: requests.find((r) => r.recordId === recordId && isOpenRequest(r)),
    };
  });
}

function HoldingCard({
  holding,
  recordId,
  hold,
  heldElsewhere,
  explainCheckIn,
}: {
  holding: TitleHolding;
  recordId: number;
  /** The member's open hold of the title at this library: said, instead of a second "hold". */
  hold: Hold | undefined;
  /**
   * Where else the member waits for the title (a hold at another library, or a request): no
   * "hold" here, which would be refused as HOLD_DUPLICATE.
   */
  heldElsewhere: string | undefined;
  /** The first library to check in at on the page says how; the others say it in short. */
  explainCheckIn: boolean;
}) {
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
      <CheckInState holding={holding} explain={explainCheckIn} held={hold !== undefined} />
      {hold ? (
        <p className="notice notice-info">
          {hold.state === 'ready'
            ? t('holds.alreadyReady')
            : t('holds.alreadyHeld', { count: hold.position ?? 1 })}{' '}
          <Link to="/portal/me/holds">{t('holds.seeMine')}</Link>
        </p>
      ) : holding.checkedIn === true && allOut(holding) ? (
        heldElsewhere ? (
          <p className="muted small">{t('holds.heldElsewhere', { library: heldElsewhere })}</p>
        ) : (
          <PlaceHoldButton libraryId={library.id} recordId={recordId} />
        )
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

/**
 * The member's own region first (the libraries nearest them), the others as they come: a member
 * of Geoje reads Geoje's libraries before Namhae's.
 */
function homeRegionFirst<T extends { region: { code: string } }>(
  groups: T[],
  homeRegion: string | undefined,
): T[] {
  const home = groups.filter((g) => g.region.code === homeRegion);
  return [...home, ...groups.filter((g) => g.region.code !== homeRegion)];
}

/** A title: its record, then every library that holds it by region, with how to borrow there. */
export function TitlePage({ id }: { id: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useMemberSession();
  const detail = useTitle(id, useMemberViewer());
  const mine = useMineOfTitle(id, session.state === 'signedIn');
  const libraries = useLibraries();
  if (detail.problem) {
    return (
      <div>
        <PageTitle>{t('catalogue.titleProblem')}</PageTitle>
        <ProblemAlert problem={detail.problem} />
        <p>
          <Link to="/portal/search">{t('catalogue.label')}</Link>
        </p>
      </div>
    );
  }
  // While a new answer comes (signed in or out), the last one's check-ins are not shown.
  if (!detail.data || detail.loading) return <Loading />;
  const { title, holdings } = detail.data;
  const regions = homeRegionFirst(
    groupByRegionOf(holdings, (holding) => holding.library.region),
    libraries.data?.find((l) => l.id === session.member?.homeLibrary.id)?.region.code,
  );
  // How to check in is said once, at the first library that asks for it; the rest say it short.
  const firstToCheckIn = regions
    .flatMap((group) => group.items)
    .find((holding) => holding.checkedIn === false)?.library.id;
  /** The library where the member already waits for the title, other than this one. */
  const waitingElsewhere = (libraryId: number) => {
    const other = mine.data?.holds.find((h) => h.library.id !== libraryId);
    if (other) return format.name(other.library);
    const request = mine.data?.request;
    return request ? format.name(request.pickupLibrary) : undefined;
  };
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
            <Link to={`/portal/sign-in?${new URLSearchParams({ next: titlePath(id) })}`}>
              {t('common.signIn')}
            </Link>
          </p>
        ) : null}
        {session.state === 'signedIn' && mine.data ? (
          <RequestTitle
            titleId={id}
            holdings={holdings}
            open={mine.data.request}
            onPlaced={() => void detail.refresh()}
          />
        ) : null}
        {regions.map((group) => (
          <section
            key={group.region.code}
            className="region-group"
            aria-labelledby={`holdings-${group.region.code}`}
          >
            <h3 id={`holdings-${group.region.code}`}>{format.name(group.region)}</h3>
            <ul className="library-list">
              {group.items.map((holding) => (
                <HoldingCard
                  key={holding.library.id}
                  holding={holding}
                  recordId={id}
                  hold={mine.data?.holds.find((h) => h.library.id === holding.library.id)}
                  heldElsewhere={waitingElsewhere(holding.library.id)}
                  explainCheckIn={holding.library.id === firstToCheckIn}
                />
              ))}
            </ul>
          </section>
        ))}
      </section>
    </article>
  );
}
