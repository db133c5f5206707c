import { type Kysely, sql } from 'kysely';
import { BUSINESS_TIME_ZONE, type BusinessDate } from '../../platform/clock.js';
import { PREPARED } from '../../platform/db/prepared.js';
import type { DB } from '../../platform/db/schema.js';
import type { Reason } from '../../platform/errors.js';
import { maskName } from '../holds/index.js';
import type { NetworkRules } from '../libraries/index.js';
import { unknownItem } from './domain.js';

/** The reads of a return (and the item look-ups of a self-check machine). */

export { readNetworkRules as networkRules } from '../libraries/index.js';

export async function itemAt(db: Kysely<DB>, libraryId: number, barcode: string) {
  return db
    .selectFrom('items as i')
    .innerJoin('bib_records as b', 'b.id', 'i.record_id')
    .select(['i.id', 'i.library_id', 'i.barcode', 'b.title', 'b.author', 'i.loanable'])
    .where('i.library_id', '=', libraryId)
    .where('i.barcode', '=', barcode)
    .executeTakeFirst();
}

export async function openLoanOfItem(db: Kysely<DB>, itemId: number) {
  return db
    .selectFrom('loans')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('returned_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Where a copy with no open loan is, for a machine's item information (17): set aside on the
 * hold shelf for a member, or sent for an inter-library request (on its way, at the pickup
 * library, or coming home).
 */
export async function copyWhereabouts(db: Kysely<DB>, itemId: number) {
  const row = await db
    .selectFrom('items as i')
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('holds as h')
            .select('h.id')
            .whereRef('h.item_id', '=', 'i.id')
            .where('h.state', '=', 'ready'),
        )
        .as('on_hold_shelf'),
      eb
        .selectFrom('inter_library_requests as r')
        .select('r.state')
        .whereRef('r.item_id', '=', 'i.id')
        .where('r.state', 'in', ['sent', 'arrived', 'returning'])
        .limit(1)
        .as('request_state'),
    ])
    .where('i.id', '=', itemId)
    .executeTakeFirst();
  return { onHoldShelf: row?.on_hold_shelf === true, requestState: row?.request_state ?? null };
}

/**
 * The item's open loan, locked (the locked return's read, after its member's lock), with the
 * network's suspension rules a late return applies and whether members wait for the copy's title
 * at its library (only then does the return look for the first in line).
 */
export async function lockOpenLoan(db: Kysely<DB>, itemId: number) {
  const { rows } = await sql<{
    id: number;
    member_id: number | null;
    due_date: BusinessDate;
    pickup_library_id: number | null;
    suspension_mode: NetworkRules['suspensionMode'];
    max_suspension_days: number | null;
    held: boolean;
  }>`${PREPARED}
    select o.id, o.member_id, o.due_date, o.pickup_library_id,
           n.suspension_mode, n.max_suspension_days,
           exists (select 1 from items i join holds h on h.record_id = i.record_id
                    where i.id = o.item_id and h.library_id = i.library_id
                      and h.state = 'waiting') as held
      from loans o cross join network_rules n
     where o.item_id = ${itemId} and o.returned_at is null
     for update of o`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return {
    loan: row,
    rules: { suspensionMode: row.suspension_mode, maxSuspensionDays: row.max_suspension_days },
    held: row.held,
  };
}

/** When a loan was made (a stored machine return is checked against it). */
export async function loanMadeAt(db: Kysely<DB>, loanId: number): Promise<Date> {
  const row = await db
    .selectFrom('loans')
    .select('loaned_at')
    .where('id', '=', loanId)
    .executeTakeFirstOrThrow();
  return new Date(row.loaned_at);
}

/** What a return needs, in one query: this library, the item here and its open loan if any. */
export async function returnSnapshot(db: Kysely<DB>, libraryId: number, itemBarcode: string) {
  const { rows } = await sql<{
    library_id: number;
    name_ko: string;
    name_en: string;
    item_id: number | null;
    barcode: string | null;
    title: string | null;
    loan_id: number | null;
    due_date: BusinessDate | null;
    member_id: number | null;
    loan_history_enabled: boolean | null;
    item_library_id: number | null;
    pickup_library_id: number | null;
    held: boolean | null;
  }>`${PREPARED}
    select l.id as library_id, l.name_ko, l.name_en,
      i.id as item_id, i.barcode, b.title, i.library_id as item_library_id,
      o.id as loan_id, o.due_date, o.member_id, m.loan_history_enabled, o.pickup_library_id,
      exists (select 1 from holds h where h.record_id = i.record_id and h.library_id = l.id
                and h.state = 'waiting') as held
    from libraries l
    -- this library's copy, or another library's lent here through an inter-library request
    -- (returned at its pickup library: rules.md "Inter-library requests")
    left join lateral (
      select ii.* from items ii
       where ii.barcode = ${itemBarcode}
         and (ii.library_id = l.id
              or exists (select 1 from loans ol where ol.item_id = ii.id
                            and ol.returned_at is null and ol.pickup_library_id = l.id))
       -- A copy on loan first: a requested copy lent here may carry one of this library's
       -- barcodes (each library's own) while this library's copy of it is on the shelf.
       order by exists (select 1 from loans ol where ol.item_id = ii.id
                           and ol.returned_at is null) desc,
                ii.library_id = l.id desc
       limit 1) i on true
    left join bib_records b on b.id = i.record_id
    left join loans o on o.item_id = i.id and o.returned_at is null
    left join members m on m.id = o.member_id
    where l.id = ${libraryId}`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return {
    library: { id: row.library_id, nameKo: row.name_ko, nameEn: row.name_en },
    item:
      row.item_id === null
        ? null
        : {
            id: row.item_id,
            barcode: row.barcode ?? '',
            title: row.title ?? '',
            libraryId: row.item_library_id ?? row.library_id,
            // Members wait for its title here: the return sets it aside (in the same statement).
            held: row.held === true,
          },
    loan:
      row.loan_id === null || row.due_date === null
        ? null
        : {
            id: row.loan_id,
            dueDate: row.due_date,
            memberId: row.member_id,
            pickupLibraryId: row.pickup_library_id,
            // A member who turned the history off keeps no record of on-time returns.
            keepInHistory: row.loan_history_enabled !== false,
          },
  };
}

/**
 * A copy of this library that is not on loan and was returned today, or came home today from
 * another library (an inter-library request's copy received here, whenever its loan ended), with
 * the hold it is set aside for, if any (the member's name masked, as the return's own answer gives
 * it). Null when the copy is on loan, unknown here, or neither returned nor received today.
 */
export async function copyReturnedToday(
  db: Kysely<DB>,
  libraryId: number,
  itemBarcode: string,
  today: BusinessDate,
) {
  const { rows } = await sql<{
    title: string;
    held_for: string | null;
    pickup_until: BusinessDate | null;
  }>`
    select b.title, m.name as held_for, h.pickup_until
      from items i
      join bib_records b on b.id = i.record_id
      left join holds h on h.item_id = i.id and h.state = 'ready'
      left join members m on m.id = h.member_id
     where i.library_id = ${libraryId} and i.barcode = ${itemBarcode.trim()}
       and not exists (select 1 from loans o where o.item_id = i.id and o.returned_at is null)
       and (exists (select 1 from loans o where o.item_id = i.id and o.return_day = ${today})
            or exists (select 1 from inter_library_requests q
                        where q.item_id = i.id and q.lending_library_id = i.library_id
                          and q.state = 'closed' and q.returning_at is not null
                          and (q.closed_at at time zone ${BUSINESS_TIME_ZONE})::date = ${today}::date))`.execute(
    db,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    title: row.title,
    heldFor:
      row.pickup_until === null
        ? null
        : { maskedName: maskName(row.held_for), pickupUntil: row.pickup_until },
  };
}

/**
 * A copy of this library on its hold shelf: its title, for whom it waits (the member's name masked,
 * as the shelf shows it) and until when; null when it waits for nobody.
 */
export async function shelfHoldOf(
  db: Kysely<DB>,
  libraryId: number,
  itemBarcode: string,
): Promise<{ title: string; heldFor: string; pickupUntil: BusinessDate } | null> {
  const row = await db
    .selectFrom('items as i')
    .innerJoin('bib_records as b', 'b.id', 'i.record_id')
    .innerJoin('holds as h', 'h.item_id', 'i.id')
    .leftJoin('members as m', 'm.id', 'h.member_id')
    .select(['b.title', 'm.name', 'h.pickup_until'])
    .where('i.library_id', '=', libraryId)
    .where('i.barcode', '=', itemBarcode.trim())
    .where('h.state', '=', 'ready')
    .executeTakeFirst();
  if (!row?.pickup_until) return null;
  return { title: row.title, heldFor: maskName(row.name), pickupUntil: row.pickup_until };
}

/** Where another library's requested copy is in its request's flow, seen from its pickup library. */
export type RequestedCopyHere =
  | { state: 'sent'; title: string }
  | { state: 'arrived'; title: string; heldFor: string; pickupUntil: BusinessDate | null }
  | {
      state: 'returning';
      title: string;
      home: LibraryNames & { id: number };
      /** Its loan was returned here today (the copy scanned again after its return). */
      returnedToday: boolean;
    }
  | {
      /** At a third library (a courier's misdelivery): where it should be now. */
      state: 'elsewhere';
      title: string;
      home: LibraryNames;
      sendTo: LibraryNames & { id: number };
    };

type LibraryNames = { nameKo: string; nameEn: string };

/**
 * Another library's copy, not on loan, in an open inter-library request (sent, arrived or
 * returning). With this library as its pickup library: on its way here (not yet received), arrived
 * and waiting for its member, or to travel home (returned here, or never collected). At any other
 * library it is astray, and goes where its request has it: to its pickup library until its loan
 * ends, then home. Null when there is none — or, astray, when the barcode names copies of several
 * libraries in requests (which one is in the desk's hand is not known).
 */
export async function requestedCopyHere(
  db: Kysely<DB>,
  libraryId: number,
  itemBarcode: string,
  today: BusinessDate,
): Promise<RequestedCopyHere | null> {
  const { rows } = await sql<{
    state: 'sent' | 'arrived' | 'returning';
    here: boolean;
    title: string;
    member_name: string | null;
    pickup_by: BusinessDate | null;
    home_id: number;
    name_ko: string;
    name_en: string;
    pickup_id: number;
    pickup_ko: string;
    pickup_en: string;
    returned_today: boolean;
  }>`
    select q.state, q.pickup_library_id = ${libraryId} as here, b.title, m.name as member_name,
           q.pickup_by, home.id as home_id, home.name_ko, home.name_en,
           p.id as pickup_id, p.name_ko as pickup_ko, p.name_en as pickup_en,
           coalesce(o.return_day = ${today}, false) as returned_today
      from items i
      join inter_library_requests q on q.item_id = i.id
                                   and q.state in ('sent', 'arrived', 'returning')
      join bib_records b on b.id = i.record_id
      join libraries home on home.id = i.library_id
      join libraries p on p.id = q.pickup_library_id
      left join members m on m.id = q.member_id
      left join loans o on o.id = q.loan_id
     where i.barcode = ${itemBarcode.trim()} and i.library_id <> ${libraryId}
       and not exists (select 1 from loans x where x.item_id = i.id and x.returned_at is null)
     order by here desc, q.requested_at desc
     limit 2`.execute(db);
  const [row, other] = rows;
  if (!row) return null;
  const home = { id: row.home_id, nameKo: row.name_ko, nameEn: row.name_en };
  if (!row.here) {
    if (other) return null;
    const pickup = { id: row.pickup_id, nameKo: row.pickup_ko, nameEn: row.pickup_en };
    const sendTo = row.state === 'returning' ? home : pickup;
    return { state: 'elsewhere', title: row.title, home, sendTo };
  }
  if (row.state === 'sent') return { state: 'sent', title: row.title };
  if (row.state === 'arrived') {
    return {
      state: 'arrived',
      title: row.title,
      heldFor: maskName(row.member_name),
      pickupUntil: row.pickup_by,
    };
  }
  return { state: 'returning', title: row.title, home, returnedToday: row.returned_today };
}

/**
 * Another library's requested copy that does not belong here, with whose it is and where to send
 * it: astray at a third library, or at its pickup library once it is to go home.
 */
export function sendElsewhere(
  title: string,
  home: LibraryNames,
  sendTo: LibraryNames & { id: number },
): Reason {
  return {
    code: 'ITEM_UNKNOWN',
    params: {
      title,
      owner: home.nameKo,
      ownerEn: home.nameEn,
      sendTo: sendTo.nameKo,
      sendToEn: sendTo.nameEn,
      sendToLibraryId: sendTo.id,
    },
  };
}

/** Where this library's own copy is in an open inter-library request that lends it elsewhere. */
export type OwnRequestedCopy = {
  state: 'requested' | 'sent' | 'returning';
  title: string;
  pickupLibrary: { id: number; nameKo: string; nameEn: string };
};

/**
 * This library's copy, not on loan, reserved by an open inter-library request it lends: on the
 * pull list (to scan out and send), scanned out (to send), or back from its pickup library and not
 * yet received home. Null when there is none.
 */
export async function ownRequestedCopy(
  db: Kysely<DB>,
  libraryId: number,
  itemBarcode: string,
): Promise<OwnRequestedCopy | null> {
  const { rows } = await sql<{
    state: OwnRequestedCopy['state'];
    title: string;
    pickup_id: number;
    name_ko: string;
    name_en: string;
  }>`
    select q.state, b.title, p.id as pickup_id, p.name_ko, p.name_en
      from items i
      join inter_library_requests q on q.item_id = i.id and q.lending_library_id = i.library_id
                                   and q.state in ('requested', 'sent', 'returning')
      join bib_records b on b.id = i.record_id
      join libraries p on p.id = q.pickup_library_id
     where i.library_id = ${libraryId} and i.barcode = ${itemBarcode.trim()}
       and not exists (select 1 from loans x where x.item_id = i.id and x.returned_at is null)
     order by q.requested_at desc
     limit 1`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return {
    state: row.state,
    title: row.title,
    pickupLibrary: { id: row.pickup_id, nameKo: row.name_ko, nameEn: row.name_en },
  };
}

/**
 * The title of a copy of this library the member borrowed and returned today (a checkout a
 * machine cancelled, say); null when there is no such loan.
 */
export async function lentAndReturnedToday(
  db: Kysely<DB>,
  loan: { libraryId: number; itemBarcode: string; memberId: number; today: BusinessDate },
): Promise<string | null> {
  const row = await db
    .selectFrom('loans as o')
    .innerJoin('items as i', 'i.id', 'o.item_id')
    .innerJoin('bib_records as b', 'b.id', 'i.record_id')
    .select('b.title')
    .where('i.library_id', '=', loan.libraryId)
    .where('i.barcode', '=', loan.itemBarcode.trim())
    .where('o.member_id', '=', loan.memberId)
    .where('o.loan_day', '=', loan.today)
    .where('o.return_day', '=', loan.today)
    .executeTakeFirst();
  return row?.title ?? null;
}

/** Libraries named when a barcode is on copies of several: the rest are counted. */
const NAMED_OWNERS = 3;

/**
 * A barcode on copies of several other libraries (barcodes are each library's own): which
 * libraries, so that staff read the one on the book's label and send it there.
 */
function sharedBarcode(owners: { name_ko: string; name_en: string }[], libraries: number): Reason {
  const more = libraries - owners.length;
  const named = (language: 'name_ko' | 'name_en') => owners.map((o) => o[language]).join(', ');
  return {
    code: 'ITEM_UNKNOWN',
    params: {
      owners: more > 0 ? `${named('name_ko')} 외 ${more}곳` : named('name_ko'),
      ownersEn: more > 0 ? `${named('name_en')} and ${more} more` : named('name_en'),
      libraries,
    },
  };
}

/**
 * A scanned copy in no request that concerns this library: this library's own (nothing to send or
 * receive: it belongs on the shelf — unless a request lends another copy of its title, which is
 * named), another library's not on loan (astray here: it goes home; a barcode naming copies of
 * several other libraries names them: staff read the library on the book's label), or no copy at all.
 */
export async function copyInNoRequest(
  db: Kysely<DB>,
  libraryId: number,
  itemBarcode: string,
): Promise<Reason> {
  const rows = await db
    .selectFrom('items as i')
    .innerJoin('bib_records as b', 'b.id', 'i.record_id')
    .innerJoin('libraries as home', 'home.id', 'i.library_id')
    .select((eb) => [
      'i.library_id',
      'b.title',
      'home.name_ko',
      'home.name_en',
      // How many libraries have a copy of that barcode not on loan (only a few are named).
      sql<number>`count(*) over ()`.as('libraries'),
      // Another copy of the title that a request of this library lends (the pull list's copy).
      eb
        .selectFrom('inter_library_requests as q')
        .innerJoin('items as r', 'r.id', 'q.item_id')
        .select('r.barcode')
        .whereRef('r.record_id', '=', 'i.record_id')
        .whereRef('r.library_id', '=', 'i.library_id')
        .where('q.lending_library_id', '=', libraryId)
        .where('q.state', '=', 'requested')
        .orderBy('q.send_by')
        .limit(1)
        .as('requested_copy'),
    ])
    .where('i.barcode', '=', itemBarcode.trim())
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('loans as o')
            .select('o.id')
            .whereRef('o.item_id', '=', 'i.id')
            .where('o.returned_at', 'is', null),
        ),
      ),
    )
    .orderBy(sql`i.library_id = ${libraryId}`, 'desc')
    .orderBy('home.name_ko')
    .limit(NAMED_OWNERS)
    .execute();
  const [row, other] = rows;
  if (row?.library_id === libraryId) {
    // The request took another copy of the same title: that one is to be sent, not this one.
    if (row.requested_copy)
      return {
        code: 'ITEM_UNKNOWN',
        params: { title: row.title, request: 'otherCopy', requestedCopy: row.requested_copy },
      };
    return { code: 'ITEM_UNKNOWN', params: { title: row.title, request: 'none' } };
  }
  if (!row) return unknownItem(itemBarcode);
  if (other) return sharedBarcode(rows, Number(row.libraries));
  const home = { id: row.library_id, nameKo: row.name_ko, nameEn: row.name_en };
  const astray = sendElsewhere(row.title, home, home);
  return { ...astray, params: { ...astray.params, request: 'none' } };
}
