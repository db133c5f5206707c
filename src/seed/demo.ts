import type { Kysely } from 'kysely';
import { seedDemoItems } from '../modules/catalog/index.js';
import { seedLibraryDirectory } from '../modules/libraries/index.js';
import { seedDemoTerminals } from '../modules/terminals/index.js';
import type { Clock } from '../platform/clock.js';
import type { DB } from '../platform/db/schema.js';
import { seedDemoAccounts } from './demo-accounts.js';
import { seedDemoCirculation } from './demo-circulation.js';
import { seedDemoHoldsAndRequests } from './demo-holds-and-requests.js';

/**
 * The demo: the seed document's 29 libraries, all lending, their staff, a few members, and 13
 * weeks of circulation before today at eight of them (demo-circulation.ts), then a few holds
 * and inter-library requests in every state a desk sees (demo-holds-and-requests.ts). Seeds only
 * an empty database, so a restart never duplicates or overwrites anything.
 */
export async function seedDemoData(db: Kysely<DB>, clock: Clock) {
  const existing = await db
    .selectFrom('libraries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return undefined;
  const directory = await seedLibraryDirectory(db, { participating: true });
  const accounts = await seedDemoAccounts(db, clock);
  const holdings = await seedDemoItems(db);
  const terminals = await seedDemoTerminals(db);
  const circulation = await seedDemoCirculation(db, clock);
  const holdsAndRequests = await seedDemoHoldsAndRequests(db, clock);
  // Every account here signs in with a password README publishes; `start` without --demo
  // refuses the database until each one has changed (a trigger clears the mark).
  await db.updateTable('staff').set({ demo_password: true }).execute();
  await db.updateTable('terminals').set({ demo_password: true }).execute();
  return {
    ...directory,
    ...accounts,
    ...terminals,
    items: holdings.items,
    circulation,
    holdsAndRequests,
  };
}
