/**
 * The network catalogue (issue 18): search titles across the libraries, and one title with every
 * library that holds it. The shapes are the generated ones of the OpenAPI document.
 */
import { useCallback, useState } from 'react';
import { useAction, useResource } from '../hooks';
import { answer, api } from './client';
import type { Answer } from './types';

export type CataloguePage = Answer<'getCatalogue'>;
/** A title (bibliographic record) and the libraries that hold it. */
export type CatalogueTitle = CataloguePage['titles'][number];
/** One library's copies of a title (call numbers only for staff; checkedIn only for a member). */
export type CatalogueHolding = CatalogueTitle['holdings'][number];
export type TitleDetail = Answer<'getCatalogueTitlesByRecordId'>;
/** A holding on the title page: the library with the facts the directory shows (phone, hours). */
export type TitleHolding = TitleDetail['holdings'][number];

/** A title's page in the portal (every library that holds it). */
export const titlePath = (id: number) => `/portal/titles/${id}`;

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

function catalogueParams(query: CatalogueQuery, cursor?: string | null) {
  return {
    q: query.q.trim(),
    ...(query.region ? { region: query.region } : {}),
    ...(query.library ? { library: query.library } : {}),
    ...(query.available ? { available: true } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

function searchCatalogue(query: CatalogueQuery, cursor?: string | null): Promise<CataloguePage> {
  return answer(
    api.GET('/api/v1/catalogue', { params: { query: catalogueParams(query, cursor) } }),
  );
}

/**
 * `viewer` names who asks (a member's id, or anonymous): the answers depend on it (checked in
 * where), so a sign-in or a sign-out on the page asks again and nothing of the last member stays;
 * null (the session not known yet) asks nothing.
 */
export function useTitle(id: number, viewer: string | null = '') {
  return useResource(viewer === null ? null : `title-${id}-${viewer}`, () =>
    answer(api.GET('/api/v1/catalogue/titles/{recordId}', { params: { path: { recordId: id } } })),
  );
}

/**
 * A search and its further pages: the first page loads whenever the query changes (nothing is
 * asked for a query the server would refuse as too short); `more()` appends the next page, by
 * the cursor the last page gave. `viewer` as for `useTitle`.
 */
export function useCatalogueSearch(query: CatalogueQuery | null, viewer: string | null = '') {
  const asked = query && !queryTooShort(query.q) ? query : null;
  const key =
    asked && viewer !== null ? `${JSON.stringify(catalogueParams(asked))}|${viewer}` : null;
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
    // Until the session is known, a query to ask is waiting, not answered.
    loading: first.loading || (asked !== null && viewer === null),
    problem: first.problem,
    /** Null until the first page is in. */
    titles: shown ? titles : null,
    nextCursor,
    more,
    moreBusy: action.busy,
    moreProblem: action.problem,
  };
}
