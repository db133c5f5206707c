import { useTranslation } from 'react-i18next';
import { CATALOGUE_HOLDINGS_SHOWN } from '../../../src/modules/catalog/shown';
import {
  type CatalogueHolding,
  type CatalogueTitle,
  titlePath,
  useCatalogueSearch,
} from '../api/catalogue';
import { groupByRegionOf, useLibraries, useRegions } from '../api/directory';
import {
  AvailabilitySummary,
  CatalogueResults,
  CheckedInBadge,
  FilterCheck,
  HoldingCopies,
  TitleByline,
} from '../components/Catalogue';
import { SelectField } from '../components/Field';
import { PageTitle } from '../components/Page';
import { useFormat } from '../i18n/format';
import { Link, useRouter } from '../router';
import { useMemberViewer } from '../session';

/** A result carries this many holding libraries at most (the API's bound); the title page, all. */
const HOLDINGS_SHOWN = CATALOGUE_HOLDINGS_SHOWN;

/** The holding libraries by region, in the server's order (the member's own libraries first). */
function HoldingsByRegion({ holdings }: { holdings: CatalogueHolding[] }) {
  const format = useFormat();
  return (
    <dl className="holding-regions">
      {groupByRegionOf(holdings, (holding) => holding.library.region).map((group) => (
        <div key={group.region.code}>
          <dt>{format.name(group.region)}</dt>
          <dd>
            <ul className="holding-list">
              {group.items.map((holding) => (
                <li key={holding.library.id}>
                  <span className="holding-name">{format.name(holding.library)}</span>
                  <HoldingCopies holding={holding} />
                  {/* Results mark the member's own libraries only; the title page says the rest. */}
                  {holding.checkedIn ? <CheckedInBadge checkedIn /> : null}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function TitleResult({ title }: { title: CatalogueTitle }) {
  const { t } = useTranslation();
  // Every holding library not listed here: the result carries a few, the title page all.
  const shown = Math.min(title.holdings.length, HOLDINGS_SHOWN);
  const rest = title.libraryCount - shown;
  return (
    <li className="title-card">
      <h2 className="title-name">
        <Link to={titlePath(title.id)}>{title.title}</Link>
      </h2>
      <TitleByline title={title} />
      <AvailabilitySummary title={title} />
      <HoldingsByRegion holdings={title.holdings.slice(0, HOLDINGS_SHOWN)} />
      {rest > 0 ? (
        <p className="small">
          <Link to={titlePath(title.id)}>{t('catalogue.moreHoldings', { count: rest })}</Link>
        </p>
      ) : null}
    </li>
  );
}

/** The filters live in the address (`/portal/search?q=바다&region=…&available=true`): shareable. */
function useSearchAddress() {
  const { query, navigate } = useRouter();
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(query);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    navigate(`/portal/search?${next}`, { replace: true });
  };
  return {
    q: query.get('q') ?? '',
    region: query.get('region') ?? '',
    library: query.get('library') ?? '',
    available: query.get('available') === 'true',
    set,
  };
}

/**
 * The portal's search results: every library's titles for the header's query, with availability
 * by region, filters (region, library, available now) and "more results" by the cursor.
 */
export function CatalogueSearchPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const address = useSearchAddress();
  const { q, region, library, available } = address;
  const search = useCatalogueSearch(
    { q, region, ...(library ? { library: Number(library) } : {}), available },
    useMemberViewer(),
  );
  const regions = useRegions();
  const libraries = useLibraries(
    new URLSearchParams({ status: 'participating', ...(region ? { region } : {}) }).toString(),
  );
  const heading = q.trim() ? t('catalogue.resultsTitle', { q: q.trim() }) : t('catalogue.label');
  return (
    <div className="catalogue-results">
      <PageTitle>{heading}</PageTitle>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('portal.region')}
          value={region}
          // Another region's library would leave nothing to find: the library choice goes.
          onChange={(e) => address.set({ region: e.target.value, library: '' })}
        >
          <option value="">{t('portal.allRegions')}</option>
          {(regions.data ?? []).map((r) => (
            <option key={r.code} value={r.code}>
              {`${r.parentCode ? '· ' : ''}${format.name(r)}`}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('catalogue.library')}
          value={library}
          onChange={(e) => address.set({ library: e.target.value })}
        >
          <option value="">{t('catalogue.allLibraries')}</option>
          {(libraries.data ?? []).map((l) => (
            <option key={l.id} value={String(l.id)}>
              {format.name(l)}
            </option>
          ))}
        </SelectField>
        <FilterCheck
          checked={available}
          onChange={(checked) => address.set({ available: checked ? 'true' : '' })}
        >
          {t('catalogue.availableNow')}
        </FilterCheck>
      </form>
      <CatalogueResults
        q={q}
        search={search}
        list={(titles) => (
          <ol className="title-list" aria-label={t('catalogue.titleResults')}>
            {titles.map((title) => (
              <TitleResult key={title.id} title={title} />
            ))}
          </ol>
        )}
      />
    </div>
  );
}
