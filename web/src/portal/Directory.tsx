import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import { groupByRegion, useLibraries, useRegions } from '../api/directory';
import type { Library } from '../api/types';
import { Fact } from '../components/Fact';
import { Field, SelectField } from '../components/Field';
import { JoinLinks } from '../components/JoinLinks';
import { BackLink, Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { closedWeekdaysText, RulesSummary } from '../components/RulesSummary';
import { Badge } from '../components/StatusBadge';
import { useResource } from '../hooks';
import { useFormat } from '../i18n/format';
import { Link } from '../router';
import { useMemberSession } from '../session';

export function LibraryStatus({ library }: { library: Library }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (library.status === 'participating') {
    return (
      <Badge tone="ok">
        {library.participatingSince
          ? t('library.participatingSince', {
              date: format.date(library.participatingSince, false),
            })
          : t('library.participating')}
      </Badge>
    );
  }
  return (
    <Badge tone="info">
      {library.plannedStart
        ? t('library.plannedFrom', { date: format.date(library.plannedStart, false) })
        : t('library.planned')}
    </Badge>
  );
}

type Bilingual = { ko: string | null; en: string | null };

/**
 * A fact kept in Korean and English, in the reader's language; the other one (marked with its
 * language) only when the reader's is not written yet.
 */
function inLanguage(
  fact: Bilingual,
  language: 'ko' | 'en',
): { text: string; lang: 'ko' | 'en' } | null {
  const other = language === 'ko' ? 'en' : 'ko';
  if (fact[language]) return { text: fact[language], lang: language };
  if (fact[other]) return { text: fact[other], lang: other };
  return null;
}

/**
 * How to reach a library: its address, phone (a link that dials) and opening hours, each in the
 * reader's language when written. The directory says "unknown" of one not written; a title's
 * holdings (`knownOnly`), a list of libraries on a phone, leave it out rather than repeat it.
 */
export function LibraryReachFacts({
  address,
  phone,
  hours,
  knownOnly = false,
}: {
  address: Bilingual;
  phone: string | null;
  hours: Bilingual;
  knownOnly?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const where = inLanguage(address, format.language);
  const when = inLanguage(hours, format.language);
  const unknown = t('library.unknown');
  return (
    <>
      {where || !knownOnly ? (
        <Fact label={t('library.address')} lang={where?.lang}>
          {where?.text ?? unknown}
        </Fact>
      ) : null}
      {phone || !knownOnly ? (
        <Fact label={t('library.phone')}>
          {phone ? <a href={`tel:${phone}`}>{phone}</a> : unknown}
        </Fact>
      ) : null}
      {when || !knownOnly ? (
        <Fact label={t('library.hours')} lang={when?.lang}>
          {when?.text ?? unknown}
        </Fact>
      ) : null}
    </>
  );
}

function LibraryCard({ library }: { library: Library }) {
  const { t } = useTranslation();
  const format = useFormat();
  const hours = inLanguage(library.openingHours, format.language);
  const note = inLanguage(library.closedDaysNote, format.language);
  const rules = library.loanRules;
  return (
    <li className="library-card">
      <div className="library-card-head">
        <h3>
          <Link to={`/portal/libraries/${library.id}`}>{format.name(library)}</Link>
        </h3>
        <LibraryStatus library={library} />
      </div>
      <dl className="facts compact">
        {hours ? (
          <Fact label={t('library.hours')} lang={hours.lang}>
            {hours.text}
          </Fact>
        ) : null}
        <Fact label={t('library.closed')}>
          {rules.closedWeekdays.length > 0 || !note
            ? closedWeekdaysText(rules.closedWeekdays, format, t('rules.noClosedWeekday'))
            : null}
          {note ? (
            <span className="note" lang={note.lang}>
              {`${rules.closedWeekdays.length > 0 ? ' · ' : ''}${note.text}`}
            </span>
          ) : null}
        </Fact>
        <Fact label={t('library.rules')}>
          {t('library.rulesShort', {
            books: rules.loanLimit,
            days: rules.loanPeriodDays,
            count: rules.maxRenewals,
          })}
        </Fact>
        {library.phone ? (
          <Fact label={t('library.phone')}>
            <a href={`tel:${library.phone}`}>{library.phone}</a>
          </Fact>
        ) : null}
      </dl>
    </li>
  );
}

/** Participating and planned libraries by region, with hours, closed days and loan rules. */
export function LibraryDirectory() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useMemberSession();
  const [region, setRegion] = useState('');
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const id = window.setTimeout(() => setQ(search.trim()), 250);
    return () => window.clearTimeout(id);
  }, [search]);
  const params = new URLSearchParams();
  if (region) params.set('region', region);
  if (status) params.set('status', status);
  if (q) params.set('q', q);
  const libraries = useLibraries(params.toString());
  const regions = useRegions();
  const groups = groupByRegion(libraries.data ?? []);
  return (
    <div className="directory">
      <PageTitle>{t('portal.directoryTitle')}</PageTitle>
      <p className="lead">{t('portal.directoryLead')}</p>
      {session.state === 'signedOut' ? (
        <JoinLinks
          joinLabel={t('portal.signUp')}
          signIn={{ to: '/portal/sign-in', label: t('common.signIn') }}
        />
      ) : null}
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('portal.region')}
          value={region}
          onChange={(e) => setRegion(e.target.value)}
        >
          <option value="">{t('portal.allRegions')}</option>
          {(regions.data ?? []).map((r) => (
            <option key={r.code} value={r.code}>
              {`${r.parentCode ? '· ' : ''}${format.name(r)} (${format.number(r.libraryCount)})`}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('portal.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
        >
          <option value="">{t('portal.allStatuses')}</option>
          <option value="participating">{t('library.participating')}</option>
          <option value="planned">{t('library.planned')}</option>
        </SelectField>
        <Field
          label={t('portal.search')}
          type="search"
          value={search}
          onValue={setSearch}
          placeholder={t('portal.searchPlaceholder')}
        />
      </form>
      <ProblemAlert problem={libraries.problem} />
      {libraries.loading && !libraries.data ? <Loading /> : null}
      <p className="muted" role="status">
        {libraries.data ? t('portal.count', { count: libraries.data.length }) : ''}
      </p>
      <div className="regions">
        {groups.map((group) => (
          <section
            key={group.region.code}
            className="region-group"
            aria-labelledby={`region-${group.region.code}`}
          >
            <h2 id={`region-${group.region.code}`}>{format.name(group.region)}</h2>
            <ul className="library-list">
              {group.libraries.map((library) => (
                <LibraryCard key={library.id} library={library} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

export function LibraryDetail({ id }: { id: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const detail = useResource(`library-${id}`, () =>
    answer(api.GET('/api/v1/libraries/{libraryId}', { params: { path: { libraryId: id } } })),
  );
  if (detail.problem) return <ProblemAlert problem={detail.problem} />;
  if (!detail.data) return <Loading />;
  const { library, holidays } = detail.data;
  const closedNote = inLanguage(library.closedDaysNote, format.language);
  return (
    <article className="library-detail">
      <BackLink fallback="/portal" />
      <PageTitle title={format.name(library)}>{format.name(library)}</PageTitle>
      {format.language === 'ko' ? (
        <p className="muted" lang="en">
          {library.nameEn}
        </p>
      ) : (
        <p className="muted" lang="ko">
          {library.nameKo}
        </p>
      )}
      <LibraryStatus library={library} />
      <section className="panel" aria-labelledby="library-about">
        <h2 id="library-about">{t('library.about')}</h2>
        <dl className="facts">
          <Fact label={t('library.region')}>
            {library.province ? `${format.name(library.province)} ` : ''}
            {format.name(library.region)}
          </Fact>
          <LibraryReachFacts
            address={{ ko: library.addressKo, en: library.addressEn }}
            phone={library.phone}
            hours={library.openingHours}
          />
          <Fact label={t('library.closedNote')} lang={closedNote?.lang}>
            {closedNote?.text ?? t('library.unknown')}
          </Fact>
        </dl>
      </section>
      <section className="panel" aria-labelledby="library-rules">
        <h2 id="library-rules">{t('library.rules')}</h2>
        <RulesSummary rules={library.loanRules} />
        <p className="hint">{t('library.dueDateNote')}</p>
      </section>
      <section className="panel" aria-labelledby="library-holidays">
        <h2 id="library-holidays">{t('library.holidays')}</h2>
        {holidays.length === 0 ? (
          <p className="muted">{t('library.noHolidays')}</p>
        ) : (
          <ul className="holiday-list">
            {holidays.slice(0, 12).map((h) => (
              <li key={h.date}>
                <span className="holiday-date">{format.date(h.date)}</span>
                <span>{format.name(h)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
