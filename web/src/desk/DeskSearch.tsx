import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CatalogueHolding,
  type CatalogueTitle,
  titlePath,
  useCatalogueSearch,
} from '../api/catalogue';
import { CatalogueResults, FilterCheck, HoldingCopies, TitleByline } from '../components/Catalogue';
import { DataTable } from '../components/DataTable';
import { PageTitle } from '../components/Page';
import { useFormat } from '../i18n/format';
import { Link } from '../router';
import { useStaffSession } from '../session';
import { DeskSearchForm } from './DeskSearchForm';

/** This library's copies of a title: how many on the shelf, and every copy's call number. */
function HereCell({ title, libraryId }: { title: CatalogueTitle; libraryId: number }) {
  const { t } = useTranslation();
  const here = title.holdings.find((holding) => holding.library.id === libraryId);
  if (!here) return <span className="muted">{t('catalogue.desk.notHere')}</span>;
  return (
    <>
      <HoldingCopies holding={here} />
      <CallNumbers holding={here} />
    </>
  );
}

/** A library's call numbers of a title, each once, each kept on one line. */
function CallNumbers({ holding }: { holding: CatalogueHolding }) {
  const { t } = useTranslation();
  const callNumbers = [...new Set(holding.callNumbers ?? [])];
  return (
    <span className="call-numbers">
      <span className="visually-hidden">{t('catalogue.desk.callNumbers')} </span>
      {callNumbers.length > 0 ? (
        callNumbers.map((callNumber) => (
          <span key={callNumber} className="mono call-number">
            {callNumber}
          </span>
        ))
      ) : (
        <span className="muted">{t('catalogue.desk.noCallNumber')}</span>
      )}
    </span>
  );
}

/** The other libraries: how many and what is on their shelves, each with its call numbers. */
function ElsewhereCell({ title, libraryId }: { title: CatalogueTitle; libraryId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const others = title.holdings.filter((holding) => holding.library.id !== libraryId);
  // A result lists the first libraries only (libraryCount says how many hold it): the rest are
  // on the title's page, and what the summary counts is what is listed.
  const unlisted = title.libraryCount - title.holdings.length;
  if (others.length === 0 && unlisted <= 0)
    return <span className="muted">{t('catalogue.desk.nowhereElse')}</span>;
  const available = others.reduce((sum, holding) => sum + holding.available, 0);
  return (
    <details>
      <summary>{t('catalogue.desk.elsewhere', { count: others.length, available })}</summary>
      <ul className="plain-list">
        {others.map((holding) => (
          <li key={holding.library.id}>
            <span>{format.name(holding.library)}</span>
            <span>
              <HoldingCopies holding={holding} />
              <CallNumbers holding={holding} />
            </span>
          </li>
        ))}
        {unlisted > 0 ? (
          <li>
            <Link to={titlePath(title.id)}>{t('catalogue.moreHoldings', { count: unlisted })}</Link>
          </li>
        ) : null}
      </ul>
    </details>
  );
}

/**
 * The desk's catalogue search: the portal's search with the staff session, so every holding
 * carries its call numbers; this library's copies first, the others folded.
 */
export function DeskSearch() {
  const { t } = useTranslation();
  const session = useStaffSession();
  const libraryId = session.library!.id;
  const [q, setQ] = useState<string | null>(null);
  const [onlyHere, setOnlyHere] = useState(false);
  const search = useCatalogueSearch(
    q === null ? null : { q, ...(onlyHere ? { library: libraryId } : {}) },
  );
  return (
    <div className="desk-page">
      <PageTitle>{t('catalogue.desk.title')}</PageTitle>
      <p className="lead">{t('catalogue.desk.lead')}</p>
      <DeskSearchForm
        label={t('catalogue.label')}
        name="q"
        placeholder={t('catalogue.placeholder')}
        primary
        onSearch={setQ}
      />
      <FilterCheck checked={onlyHere} onChange={setOnlyHere}>
        {t('catalogue.desk.thisLibraryOnly')}
      </FilterCheck>
      {q === null ? null : (
        <CatalogueResults
          q={q}
          search={search}
          list={(titles) => (
            <DataTable
              caption={t('catalogue.desk.caption')}
              captionHidden
              columns={[
                t('catalogue.desk.columnTitle'),
                t('catalogue.desk.columnHere'),
                t('catalogue.desk.columnElsewhere'),
              ]}
            >
              {titles.map((title) => (
                <tr key={title.id}>
                  <td>
                    <strong className="loan-title">{title.title}</strong>
                    <TitleByline title={title} />
                    {title.isbn ? <span className="mono small">{title.isbn}</span> : null}
                  </td>
                  <td>
                    <HereCell title={title} libraryId={libraryId} />
                  </td>
                  <td>
                    <ElsewhereCell title={title} libraryId={libraryId} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        />
      )}
    </div>
  );
}
