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

/**
 * What libraries hold (or the libraries themselves) grouped by region, the regions in the order
 * they first come: a list the server sorted keeps its order inside and across the groups.
 */
export function groupByRegionOf<T>(
  items: T[],
  regionOf: (item: T) => Library['region'],
): { region: Library['region']; items: T[] }[] {
  const groups = new Map<string, { region: Library['region']; items: T[] }>();
  for (const item of items) {
    const region = regionOf(item);
    const group = groups.get(region.code) ?? { region, items: [] };
    group.items.push(item);
    groups.set(region.code, group);
  }
  return [...groups.values()];
}

/** Libraries grouped by their region, in the order the regions come. */
export function groupByRegion(
  libraries: Library[],
): { region: Library['region']; libraries: Library[] }[] {
  return groupByRegionOf(libraries, (library) => library.region).map(({ region, items }) => ({
    region,
    libraries: items,
  }));
}
