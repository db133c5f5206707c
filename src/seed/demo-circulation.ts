import type { Insertable, Kysely } from 'kysely';
import {
  type CheckoutFacts,
  checkoutRefusals,
  daysLate,
  dueDateFor,
  suspensionAfterReturn,
} from '../modules/circulation/index.js';
import {
  createLibraryRepository,
  type LibraryCalendar,
  type LoanRules,
  nextOpenDay,
  readNetworkRules,
} from '../modules/libraries/index.js';
import { CONSENT_VERSION, identityKey } from '../modules/members/index.js';
import { auditRow } from '../platform/audit.js';
import type { BusinessDate, Clock } from '../platform/clock.js';
import { addDays, compareDates, daysBetween } from '../platform/dates.js';
import type { DB, LoansTable } from '../platform/db/schema.js';
import { DEMO_MEMBERS, demoCardNumber } from './demo-accounts.js';
import { personName } from './generate/korean.js';
import { Rng, WeightedTable } from './generate/random.js';

/**
 * A few months of circulation for the demo (issue 17, point 7), so that the dashboard, the
 * statistics and the demo members' history show something on the first start. Day by day over
 * the 13 weeks before today, members visit the libraries where they are checked in, return what
 * they planned to return, and borrow what the rules let them borrow: the same pure rules as the
 * desk (checkoutRefusals, dueDateFor, daysLate, suspensionAfterReturn), so every suspension comes
 * from a late return and no loan breaks a limit. Deterministic: one seeded generator (the
 * bench's, src/seed/generate) and the clock's today.
 */

const SEED = 20_261_117;
/** Days of history before today. */
export const DEMO_HISTORY_DAYS = 91;
/** Generated members, besides README's demo members. */
const GENERATED_MEMBERS = 60;
/** The first items of every library stay on the shelf for README's walkthrough and the tests. */
export const RESERVED_SHELF = 20;
/** Card numbers of generated members: demoCardNumber(101) on (README lists 1–4). */
export const FIRST_GENERATED_CARD = 101;
/** Libraries with circulation: README's demo members' and a few more (codes of the seed). */
const CIRCULATING = [
  'gyeongnamdaepyo-library',
  'jinju-yonam-library',
  'geoje-okpo-library',
  'tongyeong-city-library',
  'jinju-seobu-library',
  'miryang-municipal-library',
  'geoje-jangpyeong-library',
  'tongyeong-chungmu-library',
];
/** README's demo members stop borrowing this many days before today: today they owe nothing. */
const DEMO_MEMBER_QUIET_DAYS = 30;

interface SimLibrary {
  id: number;
  names: { library: string; libraryEn: string };
  rules: LoanRules;
  calendar: LibraryCalendar;
  items: { id: number; loanable: boolean }[];
}

interface SimLoan {
  memberIndex: number;
  itemId: number;
  library: SimLibrary;
  loanDay: BusinessDate;
  loanedAt: string;
  due: BusinessDate;
  plannedReturn: BusinessDate;
  returnDay: BusinessDate | null;
  returnedAt: string | null;
  daysLate: number | null;
}

interface SimMember {
  /** Database id, once written (README's demo members exist already). */
  id: number | null;
  libraries: SimLibrary[];
  /** Chance of a visit on a day. */
  activity: number;
  /** Share of loans brought back late. */
  lateShare: number;
  /** No borrowing from this day on (README's demo members). */
  stopsOn: BusinessDate | null;
  open: SimLoan[];
  suspendedUntil: BusinessDate | null;
  suspensionLoan: SimLoan | null;
}

export interface DemoCirculation {
  members: number;
  loans: number;
  openLoans: number;
  lateReturns: number;
  suspendedNow: number;
}

function at(day: BusinessDate, rng: Rng, fromHour = 9): string {
  const minutes = fromHour * 60 + rng.int((18 - fromHour) * 60);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${day}T${hh}:${mm}:00+09:00`;
}

const isOpen = (calendar: LibraryCalendar, day: BusinessDate) => nextOpenDay(calendar, day) === day;

export async function seedDemoCirculation(db: Kysely<DB>, clock: Clock): Promise<DemoCirculation> {
  const today = clock.today();
  const start = addDays(today, -DEMO_HISTORY_DAYS);
  const rng = new Rng(SEED);
  const repository = createLibraryRepository(db);
  const network = await readNetworkRules(db);

  const rows = await db
    .selectFrom('libraries')
    .select(['id', 'code'])
    .where('code', 'in', CIRCULATING)
    .where('status', '=', 'participating')
    .orderBy('id')
    .execute();
  const libraries: SimLibrary[] = [];
  const byCode = new Map<string, SimLibrary>();
  for (const row of rows) {
    const view = (await repository.findById(row.id))!;
    const items = await db
      .selectFrom('items')
      .select(['id', 'loanable'])
      .where('library_id', '=', row.id)
      .orderBy('id')
      .offset(RESERVED_SHELF)
      .limit(10_000)
      .execute();
    const library: SimLibrary = {
      id: row.id,
      names: { library: view.nameKo, libraryEn: view.nameEn },
      rules: view.loanRules,
      calendar: await repository.calendar(row.id, start),
      items,
    };
    libraries.push(library);
    byCode.set(row.code, library);
  }
  if (libraries.length < 2)
    return { members: 0, loans: 0, openLoans: 0, lateReturns: 0, suspendedNow: 0 };

  // README's demo members who can borrow: careful readers who stop a month before today.
  const members: SimMember[] = [];
  const demoRows = await db
    .selectFrom('members')
    .select(['id', 'status', 'home_library_id'])
    .orderBy('id')
    .execute();
  const codeOfId = new Map(rows.map((r) => [r.id, r.code]));
  for (const [index, demo] of DEMO_MEMBERS.entries()) {
    const row = demoRows[index];
    if (row?.status !== 'active') continue;
    const own = [demo.homeLibraryCode, ...demo.checkedInAt]
      .map((code) => byCode.get(code))
      .filter((l): l is SimLibrary => l !== undefined);
    if (own.length === 0 || codeOfId.get(row.home_library_id) !== demo.homeLibraryCode) continue;
    members.push({
      id: row.id,
      libraries: own,
      activity: 0.1,
      lateShare: 0,
      stopsOn: addDays(today, -DEMO_MEMBER_QUIET_DAYS),
      open: [],
      suspendedUntil: null,
      suspensionLoan: null,
    });
  }
  // Generated members: homes weighted (a few busy libraries, as the bench's plan does).
  const weights = libraries.map(() => Math.exp(0.8 * rng.normal()));
  const homes = new WeightedTable(weights);
  const generated: { member: SimMember; name: string; birthDate: string }[] = [];
  for (let i = 0; i < GENERATED_MEMBERS; i++) {
    const home = libraries[homes.index(rng.next())]!;
    const own = [home];
    if (rng.chance(0.4)) {
      const other = libraries[homes.index(rng.next())]!;
      if (other !== home) own.push(other);
    }
    // 14 and over: the guardian's consent of younger members is README's 최하윤's story.
    const age = 14 + Math.floor(66 * rng.next() ** 1.4);
    const year = Number(today.slice(0, 4)) - age;
    const birthDate = `${year}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;
    const member: SimMember = {
      id: null,
      libraries: own,
      activity: 0.03 + 0.12 * rng.next() ** 2,
      lateShare: rng.chance(0.4) ? 0.15 : 0.02,
      stopsOn: null,
      open: [],
      suspendedUntil: null,
      suspensionLoan: null,
    };
    members.push(member);
    generated.push({ member, name: personName(rng), birthDate });
  }

  // The days, one after another: returns first, then visits.
  const loans: SimLoan[] = [];
  const onLoan = new Set<number>();
  let lateReturns = 0;
  for (let day = start; compareDates(day, today) < 0; day = addDays(day, 1)) {
    for (const member of members) {
      for (const loan of [...member.open]) {
        if (compareDates(loan.plannedReturn, day) > 0) continue;
        // A closed library takes no returns: the member comes back on its next open day.
        if (!isOpen(loan.library.calendar, day)) continue;
        const late = daysLate(loan.due, day);
        loan.returnDay = day;
        loan.returnedAt = at(day, rng, compareDates(day, loan.loanDay) === 0 ? 17 : 9);
        loan.daysLate = late;
        member.open.splice(member.open.indexOf(loan), 1);
        onLoan.delete(loan.itemId);
        if (late > 0) {
          lateReturns += 1;
          const until = suspensionAfterReturn(member.suspendedUntil, day, late, network);
          if (until !== member.suspendedUntil) {
            member.suspendedUntil = until;
            member.suspensionLoan = loan;
          }
        }
      }
    }
    members.forEach((member, memberIndex) => {
      if (member.stopsOn && compareDates(day, member.stopsOn) >= 0) return;
      if (!rng.chance(member.activity)) return;
      // Members checked in elsewhere borrow there on about a third of their visits.
      const elsewhere = member.libraries.length > 1 && rng.chance(0.35);
      const library = member.libraries[elsewhere ? 1 + rng.int(member.libraries.length - 1) : 0]!;
      if (!isOpen(library.calendar, day)) return;
      const wanted = 1 + rng.int(3);
      for (let k = 0; k < wanted; k++) {
        const item = library.items[rng.int(library.items.length)];
        if (!item) return;
        const facts: CheckoutFacts = {
          today: day,
          memberStatus: 'active',
          library: {
            id: library.id,
            status: 'participating',
            names: library.names,
            rules: library.rules,
          },
          checkedIn: true,
          suspension: member.suspendedUntil ? { until: member.suspendedUntil, cause: null } : null,
          openLoans: member.open.map((l) => ({
            libraryId: l.library.id,
            names: l.library.names,
            dueDate: l.due,
          })),
          networkLoanLimit: network.networkLoanLimit,
          item: { loanable: item.loanable, onLoan: onLoan.has(item.id) },
        };
        const refusals = checkoutRefusals(facts);
        // A book already out: the member picks another; any other refusal ends the visit.
        if (refusals.some((r) => r.code !== 'ITEM_ON_LOAN' && r.code !== 'ITEM_NOT_LOANABLE'))
          return;
        if (refusals.length > 0) continue;
        const due = dueDateFor(day, library.rules, library.calendar);
        const late = rng.chance(member.lateShare);
        const plannedReturn = late
          ? addDays(due, 1 + Math.floor(14 * rng.next() ** 2))
          : addDays(day, 1 + rng.int(Math.max(1, daysBetween(day, due))));
        const loan: SimLoan = {
          memberIndex,
          itemId: item.id,
          library,
          loanDay: day,
          loanedAt: at(day, rng, 9),
          due,
          plannedReturn,
          returnDay: null,
          returnedAt: null,
          daysLate: null,
        };
        loans.push(loan);
        member.open.push(loan);
        onLoan.add(item.id);
      }
    });
  }

  // README's demo members owe nothing today (the rules made sure no suspension remains).
  for (const member of members) {
    const suspended =
      member.suspendedUntil !== null && compareDates(member.suspendedUntil, today) >= 0;
    if (member.stopsOn && (member.open.length > 0 || suspended))
      throw new Error('demo circulation: a demo member would start with a loan or a suspension');
  }

  return db.transaction().execute(async (tx) => {
    const hashes = await tx
      .selectFrom('members')
      .select(['password_hash', 'pin_hash'])
      .where('status', '=', 'active')
      .orderBy('id')
      .executeTakeFirst();
    const now = clock.now();
    for (const [i, { member, name, birthDate }] of generated.entries()) {
      const home = member.libraries[0]!;
      const phone = `0105${String(2_026_0000 + i * 37).slice(-7)}`;
      const registeredAt = new Date(`${addDays(start, -rng.int(400))}T10:00:00+09:00`);
      const row = await tx
        .insertInto('members')
        .values({
          status: 'active',
          home_library_id: home.id,
          name,
          birth_date: birthDate,
          phone,
          email: null,
          identity_key: identityKey({ name, birthDate, phone }),
          guardian_name: null,
          guardian_relationship: null,
          guardian_consent_at: null,
          password_hash: hashes?.password_hash ?? null,
          pin_hash: hashes?.pin_hash ?? null,
          consent_given_on: clock.today(),
          consent_given_at: now,
          consent_version: CONSENT_VERSION,
          registered_at: registeredAt,
          verified_at: registeredAt,
          verified_at_library_id: home.id,
          verification_id_type: 'resident_registration_card',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      member.id = row.id;
      await tx
        .insertInto('cards')
        .values({
          number: demoCardNumber(FIRST_GENERATED_CARD + i),
          member_id: row.id,
          status: 'valid',
          issued_at: registeredAt,
          issued_at_library_id: home.id,
        })
        .execute();
      for (const other of member.libraries.slice(1)) {
        await tx
          .insertInto('check_ins')
          .values({
            member_id: row.id,
            library_id: other.id,
            checked_in_at: registeredAt,
            id_document_type: 'resident_registration_card',
          })
          .execute();
      }
    }
    // Loans in the order they were made (the limits trigger checks the open ones as the desk would).
    const ids = new Map<SimLoan, number>();
    for (let from = 0; from < loans.length; from += 200) {
      const batch = loans.slice(from, from + 200);
      const values: Insertable<LoansTable>[] = batch.map((loan) => ({
        member_id: members[loan.memberIndex]!.id!,
        item_id: loan.itemId,
        library_id: loan.library.id,
        loaned_at: new Date(loan.loanedAt),
        loan_day: loan.loanDay,
        due_date: loan.due,
        returned_at: loan.returnedAt ? new Date(loan.returnedAt) : null,
        return_day: loan.returnDay,
        days_late: loan.daysLate,
      }));
      const inserted = await tx.insertInto('loans').values(values).returning('id').execute();
      for (const [k, loan] of batch.entries()) ids.set(loan, inserted[k]!.id);
      await tx.insertInto('audit_events').values(auditEventsOf(batch, ids)).execute();
    }
    let suspendedNow = 0;
    for (const member of members) {
      if (!member.suspensionLoan || !member.suspendedUntil) continue;
      if (compareDates(member.suspendedUntil, today) >= 0) suspendedNow += 1;
      await tx
        .updateTable('members')
        .set({
          suspended_until: member.suspendedUntil,
          suspension_loan_id: ids.get(member.suspensionLoan)!,
        })
        .where('id', '=', member.id!)
        .execute();
    }
    return {
      members: GENERATED_MEMBERS,
      loans: loans.length,
      openLoans: loans.filter((l) => l.returnDay === null).length,
      lateReturns,
      suspendedNow,
    };
  });
}

/**
 * The audit events the desk would have written for these loans (a checkout, and a return when
 * there was one), by the system: the audit log, like every other table, has a loan's events.
 */
function auditEventsOf(batch: SimLoan[], ids: ReadonlyMap<SimLoan, number>) {
  return batch.flatMap((loan) => {
    const event = (
      action: 'loan.checked_out' | 'loan.returned',
      at: string,
      details: Record<string, unknown>,
    ) => {
      const { memberId: _none, ...row } = auditRow(null, new Date(at), {
        action,
        subjectKind: 'loan',
        subjectId: ids.get(loan)!,
        libraryId: loan.library.id,
        details,
      });
      return { ...row, member_pseudonym: null };
    };
    const checkedOut = event('loan.checked_out', loan.loanedAt, {
      itemId: loan.itemId,
      dueDate: loan.due,
      demo: true,
    });
    if (!loan.returnedAt) return [checkedOut];
    return [
      checkedOut,
      event('loan.returned', loan.returnedAt, {
        itemId: loan.itemId,
        daysLate: loan.daysLate,
        demo: true,
      }),
    ];
  });
}
