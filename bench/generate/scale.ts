/** How big the generated network is: the presets of the issue, and `--scale` fractions of them. */

export interface Scale {
  preset: PresetName;
  fraction: number;
  libraries: number;
  members: number;
  items: number;
  pastLoans: number;
  /** Loans out today (about 2% of the history, as ~1 million out of 50 million nationally). */
  openLoans: number;
}

export const PRESETS = {
  /** Gyeongsangnam-do: the seed's 29 libraries. */
  province: { libraries: 29, members: 200_000, items: 2_000_000, pastLoans: 5_000_000 },
  /** The whole country, 2024. */
  country: { libraries: 2_704, members: 5_400_000, items: 30_000_000, pastLoans: 50_000_000 },
  /** CI: the province at 1/1000 (29 libraries, 200 members, 2,000 items, 5,000 past loans). */
  tiny: { libraries: 29, members: 200, items: 2_000, pastLoans: 5_000 },
} as const;
export type PresetName = keyof typeof PRESETS;

/** The seed's libraries are always there; a network never has fewer. */
export const SEED_LIBRARIES = 29;

export function scaleOf(preset: PresetName, fraction = 1): Scale {
  if (!(fraction > 0)) throw new Error(`--scale must be a positive fraction, got ${fraction}`);
  const base = PRESETS[preset];
  const libraries = Math.max(SEED_LIBRARIES, Math.round(base.libraries * fraction));
  const members = Math.max(100, Math.round(base.members * fraction));
  const items = Math.max(libraries * 20, Math.round(base.items * fraction));
  const pastLoans = Math.round(base.pastLoans * fraction);
  return {
    preset,
    fraction,
    libraries,
    members,
    items,
    pastLoans,
    openLoans: Math.min(Math.round(members * 0.25), Math.round(Math.max(pastLoans, items) * 0.02)),
  };
}

export function describeScale(s: Scale): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `${s.preset}${s.fraction === 1 ? '' : ` × ${s.fraction}`}: ${n(s.libraries)} libraries, ${n(s.members)} members, ${n(s.items)} items, ${n(s.pastLoans)} past loans, ${n(s.openLoans)} open loans`;
}
