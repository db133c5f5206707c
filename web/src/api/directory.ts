import { useResource } from '../hooks';
import { answer, api } from './client';
import type { Library } from './types';

export function useLibraries(query = '') {
  return useResource(`libraries?${query}`, async () => {
    const { libraries } = await answer(
      api.GET('/api/v1/libraries', {
        params: { query: Object.fromEntries(new URLSearchParams(query)) },
      }),
    );
    return libraries;
  });
}

export function useRegions() {
  return useResource('regions', async () => {
    const { regions } = await answer(api.GET('/api/v1/regions'));
    return regions;
  });
}

/** Libraries grouped by their region, in the order the regions come. */
export function groupByRegion(
  libraries: Library[],
): { region: Library['region']; libraries: Library[] }[] {
  const groups = new Map<string, { region: Library['region']; libraries: Library[] }>();
  for (const library of libraries) {
    const group = groups.get(library.region.code) ?? { region: library.region, libraries: [] };
    group.libraries.push(library);
    groups.set(library.region.code, group);
  }
  return [...groups.values()];
}
