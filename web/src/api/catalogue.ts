/**
 * The network catalogue (issue 18): search titles across the libraries, and one title with every
 * library that holds it. The answers' shapes follow the shared contract of issue 18 and are
 * declared by hand here, in this one place, until the server's OpenAPI document describes them
 * (then they become names for the generated types, like api/types.ts).
 */
import { useCallback, useState } from 'react';
import { useAction, useResource } from '../hooks';
import { getJson } from './client';
import type { LibraryFacts } from './types';

export interface CatalogueRegion {
  code: string;
  nameKo: string;
  nameEn: string;
}

export interface CatalogueLibrary {
  id: number;
  code: string;
  nameKo: string;
  nameEn: string;
  region: CatalogueRegion;
}

/** One library's copies of a title. */
export interface CatalogueHolding {
  library: CatalogueLibrary;
  copies: number;
  /** Loanable copies on the shelf now. */
  available: number;
  /** Null when anonymous; for a signed-in member: whether checked in at this library. */
  checkedIn: boolean | null;
  /** Only for a staff session: every copy's call number at this library. */
  callNumbers?: string[];
}

/** A title (bibliographic record) and the libraries that hold it. */
export interface CatalogueTitle {
  id: number;
  title: string;
  author: string | null;
  publisher: string | null;
  year: number | null;
  isbn: string | null;
  kdc: string | null;
  libraryCount: number;
  copies: number;
  available: number;
  holdings: CatalogueHolding[];
}

export interface CataloguePage {
  titles: CatalogueTitle[];
  nextCursor: string | null;
}

/** A holding on the title page: the library with the facts the directory shows (phone, hours). */
export type TitleHolding = Omit<CatalogueHolding, 'library'> & {
  library: CatalogueLibrary & LibraryFacts;
};

export interface TitleDetail {
  title: CatalogueTitle & { subjects: string[] };
  holdings: TitleHolding[];
}

export interface CatalogueQuery {
  q: string;
  region?: string;
  library?: number;
  available?: boolean;
}

/** The server refuses shorter queries (one Hangul syllable is too vague): said before asking. */
const MIN_QUERY_LENGTH = 2;

export function queryTooShort(q: string): boolean {
  return [...q.trim()].length < MIN_QUERY_LENGTH;
}

function catalogueParams(query: CatalogueQuery, cursor?: string | null): URLSearchParams {
  const params = new URLSearchParams({ q: query.q.trim() });
  if (query.region) params.set('region', query.region);
  if (query.library) params.set('library', String(query.library));
  if (query.available) params.set('available', 'true');
  if (cursor) params.set('cursor', cursor);
  return params;
}

function searchCatalogue(query: CatalogueQuery, cursor?: string | null): Promise<CataloguePage> {
  return getJson<CataloguePage>('/api/v1/catalogue', catalogueParams(query, cursor));
}

/**
 * `viewer` names who asks (a member's id, or anonymous): the answers depend on it (checked in
 * where), so a sign-in or a sign-out on the page asks again and nothing of the last member stays.
 */
export function useTitle(id: number, viewer = '') {
  return useResource(`title-${id}-${viewer}`, () =>
    getJson<TitleDetail>(`/api/v1/catalogue/titles/${encodeURIComponent(String(id))}`),
  );
}

/**
 * A search and its further pages: the first page loads whenever the query changes (nothing is
 * asked for a query the server would refuse as too short); `more()` appends the next page, by
 * the cursor the last page gave. `viewer` as for `useTitle`.
 */
export function useCatalogueSearch(query: CatalogueQuery | null, viewer = '') {
  const asked = query && !queryTooShort(query.q) ? query : null;
  const key = asked ? `${catalogueParams(asked)}|${viewer}` : null;
  const first = useResource(key, () => searchCatalogue(asked!));
  const [later, setLater] = useState<{ key: string | null } & CataloguePage>();
  const action = useAction();
  const { run } = action;
  const extra = later && later.key === key ? later : undefined;
  const shown = first.loading ? undefined : first.data;
  const titles = shown ? [...shown.titles, ...(extra?.titles ?? [])] : [];
  const nextCursor = shown ? (extra ? extra.nextCursor : shown.nextCursor) : null;
  const more = useCallback(async () => {
    if (!asked || !nextCursor) return;
    const page = await run(() => searchCatalogue(asked, nextCursor));
    if (!page) return;
    // A title already shown (the catalogue changed between pages) is not listed twice.
    const seen = new Set(titles.map((title) => title.id));
    setLater({
      key,
      titles: [...(extra?.titles ?? []), ...page.titles.filter((title) => !seen.has(title.id))],
      nextCursor: page.nextCursor,
    });
  }, [asked, nextCursor, run, titles, key, extra]);
  return {
    tooShort: query !== null && asked === null,
    loading: first.loading,
    problem: first.problem,
    /** Null until the first page is in. */
    titles: shown ? titles : null,
    nextCursor,
    more,
    moreBusy: action.busy,
    moreProblem: action.problem,
  };
}
