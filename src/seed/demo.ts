import type { Kysely } from 'kysely';
import { seedLibraryDirectory } from '../modules/libraries/seed.js';
import type { Clock } from '../platform/clock.js';
import type { DB } from '../platform/db/schema.js';

/**
 * The demo: the seed document's 29 libraries, all lending. Seeds only an empty database, so a
 * restart never duplicates or overwrites anything.
 */
export async function seedDemoData(db: Kysely<DB>, _clock: Clock) {
  const existing = await db
    .selectFrom('libraries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return undefined;
  return seedLibraryDirectory(db, { participating: true });
}
