import { type Kysely, sql } from 'kysely';
import { type AppContext, createAppContext } from '../app-context.js';
import { returnItem } from '../modules/circulation/index.js';
import { placeOwnHold } from '../modules/holds/index.js';
import {
  chooseLendingLibrary,
  lendingCandidates,
  placeRequest,
  receiveByScan,
  sendByScan,
} from '../modules/requests/index.js';
import type { MemberActor, StaffActor } from '../platform/auth/actor.js';
import { type Clock, ManualClock } from '../platform/clock.js';
import { addDays } from '../platform/dates.js';
import type { DB } from '../platform/db/schema.js';
import { AppError } from '../platform/errors.js';
import { createLogger } from '../platform/logger.js';
import { demoCardNumber, staffUsername } from './demo-accounts.js';
import { FIRST_GENERATED_CARD, RESERVED_SHELF } from './demo-circulation.js';

/**
 * Holds and inter-library requests for the demo, so that the hold shelf, the request lists, a
 * member's holds and the dashboard's 상호대차 show something on the first start. Made by the
 * service itself, after the circulation: members place holds and requests as the portal does,
 * desks return, send and receive as they do. Only at libraries README's walkthrough and the
 * browser tests leave alone, and never with a copy of a library's reserved shelf.
 */

/** Where titles all out are held: a line of two at the first, its first copy back and set aside. */
const HOLD_LIBRARIES = ['geoje-jangpyeong-library', 'miryang-municipal-library'];
/** Pickup libraries of the requests: one on a pull list, one on its way, one ready at each. */
const REQUEST_PICKUPS = ['geoje-jangpyeong-library', 'miryang-municipal-library'];
/** README's walkthrough and the browser tests lend these libraries' copies: none is requested. */
const WALKTHROUGH_LIBRARIES = [
  'jinju-yonam-library',
  'gyeongnamdaepyo-library',
  'tongyeong-city-library',
  'jinju-seobu-library',
  'changwon-library',
];

export interface DemoHoldsAndRequests {
  holdsWaiting: number;
  holdsReady: number;
  requests: { requested: number; sent: number; arrived: number };
}

export async function seedDemoHoldsAndRequests(
  db: Kysely<DB>,
  clock: Clock,
): Promise<DemoHoldsAndRequests> {
  // Yesterday's work, as the circulation is: today starts with the shelves as they were left.
  const yesterday = addDays(clock.today(), -1);
  const logger = createLogger('silent');
  const at: ContextAt = (hour) =>
    createAppContext(db, new ManualClock(`${yesterday}T${hour}:00:00+09:00`), logger);
  const libraries = await db.selectFrom('libraries').select(['id', 'code', 'region_id']).execute();
  await seedHolds(at, libraries);
  await seedRequests(at, libraries);
  return countsOf(db);
}

/** The service as it stood at an hour of the day before the first start. */
type ContextAt = (hour: number) => AppContext;
type LibraryRow = { id: number; code: string; region_id: number };

/** Titles all out held at each hold library; at the first, its first copy back and set aside. */
async function seedHolds(at: ContextAt, libraries: readonly LibraryRow[]) {
  for (const [n, code] of HOLD_LIBRARIES.entries()) {
    const library = libraries.find((l) => l.code === code);
    if (!library) continue;
    const firstCopy = await holdTitlesAllOut(at(10), library.id, n === 0 ? 2 : 1);
    if (n === 0 && firstCopy) {
      const context = at(14);
      await returnItem(context, await deskOf(context.db, code, library.id), {
        itemBarcode: firstCopy,
      });
    }
  }
}

/** At each pickup library: one request on its lender's pull list, one sent, one arrived. */
async function seedRequests(at: ContextAt, libraries: readonly LibraryRow[]) {
  const walkthrough = new Set(
    libraries.filter((l) => WALKTHROUGH_LIBRARIES.includes(l.code)).map((l) => l.id),
  );
  for (const code of REQUEST_PICKUPS) {
    const pickup = libraries.find((l) => l.code === code);
    if (!pickup) continue;
    const requests = await requestTitlesHeldElsewhere(
      at(10),
      { id: pickup.id, regionId: pickup.region_id },
      (libraryId) => !walkthrough.has(libraryId),
    );
    for (const [n, request] of requests.entries()) {
      if (n === 0) continue;
      const sending = at(11);
      const lender = libraries.find((l) => l.id === request.lenderId)!;
      await sendByScan(sending, await deskOf(sending.db, lender.code, lender.id), {
        itemBarcode: request.barcode,
      });
      if (n === 1) continue;
      const receiving = at(16);
      await receiveByScan(receiving, await deskOf(receiving.db, code, pickup.id), {
        itemBarcode: request.barcode,
      });
    }
  }
}

/** What the seed left, as the desks see it. */
async function countsOf(db: Kysely<DB>): Promise<DemoHoldsAndRequests> {
  const holds = await db
    .selectFrom('holds')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  const requests = await db
    .selectFrom('inter_library_requests')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  const count = (rows: { state: string; n: number }[], state: string) =>
    Number(rows.find((r) => r.state === state)?.n ?? 0);
  return {
    holdsWaiting: count(holds, 'waiting'),
    holdsReady: count(holds, 'ready'),
    requests: {
      requested: count(requests, 'requested'),
      sent: count(requests, 'sent'),
      arrived: count(requests, 'arrived'),
    },
  };
}

/**
 * Holds on titles whose every loanable copy here is out (the circulation's open loans), by
 * members who hold a card here, the first who may (each title from another member on): `line`
 * holders on the first title, one on each of the next. Answers the first title's copy that falls
 * due first, if none is late (its return then suspends nobody).
 */
async function holdTitlesAllOut(context: AppContext, libraryId: number, line: number) {
  const { db, clock } = context;
  const { rows: titles } = await sql<{ record_id: number; first_copy: string | null }>`
    select i.record_id,
           (array_agg(i.barcode order by o.due_date, i.id)
              filter (where o.due_date >= ${clock.today()}))[1] as first_copy
      from items i join loans o on o.item_id = i.id and o.returned_at is null
     where i.library_id = ${libraryId} and i.loanable
       and not exists (select 1 from items s where s.library_id = i.library_id
                          and s.record_id = i.record_id and s.loanable
                          and not exists (select 1 from loans x where x.item_id = s.id
                                             and x.returned_at is null))
     group by i.record_id order by i.record_id limit 3`.execute(db);
  const members = await membersHeldAt(db, libraryId);
  const holders: number[] = [];
  for (const [n, title] of titles.entries()) {
    let wanted = n === 0 ? line : 1;
    for (const member of [...members.slice(n * line), ...members.slice(0, n * line)]) {
      if (wanted === 0) break;
      const placed = await refusedAsNull(() =>
        placeOwnHold(context, member, { libraryId, recordId: title.record_id }),
      );
      if (placed) wanted -= 1;
    }
    holders.push((n === 0 ? line : 1) - wanted);
  }
  // Its copy back sets it aside only for someone in line.
  return (holders[0] ?? 0) > 0 ? (titles[0]?.first_copy ?? null) : null;
}

/**
 * Requests for pickup here, each by another member homed here, for titles this library does
 * not hold, whose copy the service would take from an `allowed` lender outside its reserved
 * shelf (the first copies of each library, which README's walkthrough lends).
 */
async function requestTitlesHeldElsewhere(
  context: AppContext,
  pickup: { id: number; regionId: number },
  allowed: (libraryId: number) => boolean,
) {
  const { db } = context;
  const { rows: titles } = await sql<{ record_id: number }>`
    select r.id as record_id from bib_records r
     where not exists (select 1 from items i where i.record_id = r.id and i.library_id = ${pickup.id})
     order by r.id limit 40`.execute(db);
  const members = await membersHeldAt(db, pickup.id, { homeOnly: true });
  const placed: { lenderId: number; barcode: string }[] = [];
  for (const title of titles) {
    if (placed.length === 3 || placed.length === members.length) break;
    const chosen = chooseLendingLibrary(
      await lendingCandidates(db, title.record_id, pickup.id),
      pickup.regionId,
    );
    if (!chosen || !allowed(chosen.libraryId)) continue;
    if (await onReservedShelf(db, chosen.itemId, chosen.libraryId)) continue;
    const request = await refusedAsNull(() =>
      placeRequest(context, members[placed.length]!, {
        recordId: title.record_id,
        pickupLibraryId: pickup.id,
      }),
    );
    if (request?.itemBarcode)
      placed.push({ lenderId: chosen.libraryId, barcode: request.itemBarcode });
  }
  return placed;
}

/** The demo's generated members holding a card at the library (homed there, or checked in). */
async function membersHeldAt(
  db: Kysely<DB>,
  libraryId: number,
  options: { homeOnly?: boolean } = {},
): Promise<MemberActor[]> {
  const rows = await db
    .selectFrom('members as m')
    .select('m.id')
    .where('m.status', '=', 'active')
    .where('m.suspended_until', 'is', null)
    .where((eb) =>
      options.homeOnly
        ? eb('m.home_library_id', '=', libraryId)
        : eb.or([
            eb('m.home_library_id', '=', libraryId),
            eb.exists(
              eb
                .selectFrom('check_ins as c')
                .whereRef('c.member_id', '=', 'm.id')
                .where('c.library_id', '=', libraryId),
            ),
          ]),
    )
    // The generated members only: README's demo members start the walkthrough with nothing.
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('cards as g')
          .whereRef('g.member_id', '=', 'm.id')
          .where('g.number', '>=', demoCardNumber(FIRST_GENERATED_CARD)),
      ),
    )
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({ kind: 'member', memberId: r.id }));
}

async function onReservedShelf(db: Kysely<DB>, itemId: number, libraryId: number) {
  const shelf = await db
    .selectFrom('items')
    .select('id')
    .where('library_id', '=', libraryId)
    .orderBy('id')
    .limit(RESERVED_SHELF)
    .execute();
  return shelf.some((i) => i.id === itemId);
}

async function deskOf(db: Kysely<DB>, code: string, libraryId: number): Promise<StaffActor> {
  const desk = await db
    .selectFrom('staff')
    .select('id')
    .where('username', '=', staffUsername(code, 'desk'))
    .executeTakeFirstOrThrow();
  return { kind: 'staff', staffId: desk.id, libraryId, role: 'desk' };
}

/** The service's answer, or null when the rules refuse (the next member or title is tried). */
async function refusedAsNull<T>(act: () => Promise<T>): Promise<T | null> {
  try {
    return await act();
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}
