import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueHolding, CatalogueTitle, useCatalogueSearch } from '../api/catalogue';
import { useRouter } from '../router';
import { Loading } from './Page';
import { ProblemAlert } from './ProblemAlert';
import { Badge } from './StatusBadge';

/** Where a portal search goes: `/portal/search?q=…` (filters are added on the results page). */
function searchPath(q: string): string {
  return `/portal/search?${new URLSearchParams({ q: q.trim() })}`;
}

/**
 * The catalogue's search box: in the header of every public page (compact, its label for screen
 * readers) and large on the home page. Sending it opens the results page.
 */
export function CatalogueSearchBox({
  variant,
  initial = '',
}: {
  variant: 'header' | 'home';
  initial?: string;
}) {
  const { t } = useTranslation();
  const { navigate } = useRouter();
  const [q, setQ] = useState(initial);
  const id = useId();
  return (
    // biome-ignore lint/a11y/useSemanticElements: phones before 2023 (iOS 16, older Samsung Internet) do not know <search>; a form with the role is the search landmark everywhere
    <form
      role="search"
      className={`catalogue-search catalogue-search-${variant}`}
      onSubmit={(event) => {
        event.preventDefault();
        navigate(searchPath(q));
      }}
    >
      <label htmlFor={id} className={variant === 'header' ? 'visually-hidden' : undefined}>
        {variant === 'home' ? t('catalogue.homeTitle') : t('catalogue.label')}
      </label>
      {variant === 'home' ? (
        <p className="hint" id={`${id}-hint`}>
          {t('catalogue.homeLead')}
        </p>
      ) : null}
      <span className="catalogue-search-row">
        <input
          id={id}
          type="search"
          name="q"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          placeholder={t('catalogue.placeholder')}
          autoComplete="off"
          enterKeyHint="search"
          aria-describedby={variant === 'home' ? `${id}-hint` : undefined}
        />
        <button type="submit" className="button primary">
          {t('catalogue.submit')}
        </button>
      </span>
    </form>
  );
}

/** A search filter that is on or off (available now; this library only). */
export function FilterCheck({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: string;
}) {
  return (
    <label className="check filter-check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />{' '}
      {children}
    </label>
  );
}

/**
 * "3개 도서관 · 지금 대출 가능 2권"; when the result carries fewer libraries than hold the title
 * (a search shows 8 at most, or a filter keeps some), the count on the shelf says it is theirs.
 */
export function AvailabilitySummary({ title }: { title: CatalogueTitle }) {
  const { t } = useTranslation();
  const shown = title.holdings.length;
  return (
    <p className={title.available > 0 ? 'availability available' : 'availability'}>
      {shown < title.libraryCount
        ? t('catalogue.summaryShown', {
            count: title.libraryCount,
            shown,
            available: title.available,
          })
        : t('catalogue.summary', { count: title.libraryCount, available: title.available })}
    </p>
  );
}

/** A holding's copies: "2권 중 1권 대출 가능", green when one is on the shelf. */
export function HoldingCopies({
  holding,
}: {
  holding: Pick<CatalogueHolding, 'copies' | 'available'>;
}) {
  const { t } = useTranslation();
  return (
    <Badge tone={holding.available > 0 ? 'ok' : 'neutral'}>
      {t('catalogue.availableOf', { copies: holding.copies, available: holding.available })}
    </Badge>
  );
}

/** "반입 등록됨" on the member's own libraries; nothing for an anonymous reader. */
export function CheckedInBadge({ checkedIn }: { checkedIn: boolean | null }) {
  const { t } = useTranslation();
  if (checkedIn === null) return null;
  return checkedIn ? (
    <Badge tone="ok">{t('catalogue.checkedIn')}</Badge>
  ) : (
    <Badge tone="info">{t('catalogue.notCheckedIn')}</Badge>
  );
}

/** The title's author, publisher and year, those that are known: "한강 · 창비 · 2014". */
export function TitleByline({ title }: { title: CatalogueTitle }) {
  const parts = [title.author, title.publisher, title.year === null ? null : String(title.year)];
  const text = parts.filter(Boolean).join(' · ');
  return text ? <p className="title-byline">{text}</p> : null;
}

/**
 * A search's outcome: the refusal said before asking (too short), the server's refusal (429:
 * try again in a moment), no results (check the spelling, fewer words), or the titles, each drawn
 * by `children`, with "more results" while the server has a next page.
 */
export function CatalogueResults({
  q,
  search,
  list,
}: {
  q: string;
  search: ReturnType<typeof useCatalogueSearch>;
  /** Draws the titles (the portal's list, the desk's table). */
  list: (titles: CatalogueTitle[]) => ReactNode;
}) {
  const { t } = useTranslation();
  if (search.tooShort) {
    return (
      <p className="notice notice-info" role="status">
        {t('catalogue.tooShort')}
      </p>
    );
  }
  if (search.problem) return <ProblemAlert problem={search.problem} />;
  if (search.titles === null) return search.loading ? <Loading /> : null;
  if (search.titles.length === 0) {
    return (
      <div className="notice notice-info" role="status">
        <p>{t('catalogue.noResults', { q: q.trim() })}</p>
        <p className="hint">{t('catalogue.noResultsHint')}</p>
      </div>
    );
  }
  const count = search.titles.length;
  return (
    <>
      <p className="muted" role="status">
        {t(search.nextCursor ? 'catalogue.shownMore' : 'catalogue.shown', { count })}
      </p>
      {list(search.titles)}
      <ProblemAlert problem={search.moreProblem} />
      {search.nextCursor ? (
        <p className="more-results">
          <button
            type="button"
            className="button"
            onClick={() => void search.more()}
            disabled={search.moreBusy}
          >
            {search.moreBusy ? t('common.loading') : t('catalogue.more')}
          </button>
        </p>
      ) : null}
    </>
  );
}
