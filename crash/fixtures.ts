import type { Kysely } from 'kysely';
import { createAppContext } from '../src/app-context.js';
import { attachCopies } from '../src/modules/catalog/records.js';
import { checkout } from '../src/modules/circulation/checkout.js';
import { checkIn } from '../src/modules/members/check-ins.js';
import { registerWalkIn } from '../src/modules/members/registration.js';
import type { StaffActor } from '../src/platform/auth/actor.js';
import { ManualClock } from '../src/platform/clock.js';
import type { DB } from '../src/platform/db/schema.js';
import { createLogger } from '../src/platform/logger.js';

export interface FixtureLibrary {
  id: number;
  code: string;
  items: string[];
}

export interface FixtureMember {
  id: number;
  card: string;
  pin: string | null;
  homeLibraryId: number;
  checkedIn: number[];
}

export interface Fixtures {
  libraries: FixtureLibrary[];
  members: FixtureMember[];
  /** Loans made 25 days ago, overdue now: their returns suspend their members. */
  overdue: { libraryId: number; barcode: string; card: string }[];
  /** Titles held by one library only, for inter-library requests (issue 20). */
  requestTitles: { libraryId: number; barcode: string; recordId: number }[];
}

/** The fixture members' portal password: they request books from other libraries. */
export const FIXTURE_MEMBER_PASSWORD = 'crash member password';

export const FIXTURE_PIN = '472913';
/** Renewals per loan while the test runs: high, so that a renewal applied twice would show. */
export const CRASH_MAX_RENEWALS = 100;

export function deskUsername(code: string): string {
  return `${code.replace(/-library$/, '')}-desk`;
}

export function terminalUsername(code: string): string {
  return `${code.replace(/-library$/, '')}-sc1`;
}

/**
 * What the run starts from, made with the service's own use cases on a clock 25 days back:
 * members at every library used (each also checked in at the next), some with a loan that is
 * overdue by now, and a high renewal limit.
 */
export async function prepareFixtures(
  db: Kysely<DB>,
  options: { libraries: number; membersPerLibrary: number; itemsPerLibrary: number },
): Promise<Fixtures> {
  const rows = await db
    .selectFrom('libraries')
    .select(['id', 'code'])
    .where('status', '=', 'participating')
    .orderBy('id')
    .limit(options.libraries)
    .execute();
  const libraries: FixtureLibrary[] = [];
  for (const row of rows) {
    const items = await db
      .selectFrom('items')
      .select('barcode')
      .where('library_id', '=', row.id)
      .where('loanable', '=', true)
      // Each its title's only copy here: a copy out on loan can then be held (issue 20).
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('items as other')
              .select('other.id')
              .whereRef('other.record_id', '=', 'items.record_id')
              .whereRef('other.library_id', '=', 'items.library_id')
              .whereRef('other.id', '<>', 'items.id'),
          ),
        ),
      )
      .orderBy('id')
      .limit(options.itemsPerLibrary)
      .execute();
    libraries.push({ id: row.id, code: row.code, items: items.map((i) => i.barcode) });
  }
  // Half the fixture members have no PIN and still use the machines, as before the network rule
  // "machines require the PIN" (test/sip2/pin-policy.test.ts) existed.
  await db.updateTable('network_rules').set({ machines_require_pin: false }).execute();
  await db
    .updateTable('library_loan_rules')
    .set({ max_renewals: CRASH_MAX_RENEWALS })
    .where(
      'library_id',
      'in',
      libraries.map((l) => l.id),
    )
    .execute();

  const clock = new ManualClock(new Date(Date.now() - 25 * 86_400_000));
  const context = createAppContext(db, clock, createLogger('silent'));
  const desks = new Map<number, StaffActor>();
  for (const library of libraries) {
    const staff = await db
      .selectFrom('staff')
      .select(['id', 'role'])
      .where('username', '=', deskUsername(library.code))
      .executeTakeFirstOrThrow();
    desks.set(library.id, {
      kind: 'staff',
      staffId: staff.id,
      libraryId: library.id,
      role: staff.role,
    });
  }
  const members: FixtureMember[] = [];
  const overdue: Fixtures['overdue'] = [];
  let serial = 0;
  for (const [index, library] of libraries.entries()) {
    const desk = desks.get(library.id)!;
    const next = libraries[(index + 1) % libraries.length]!;
    for (let i = 0; i < options.membersPerLibrary; i++) {
      serial++;
      const withPin = i % 2 === 0;
      const registered = await registerWalkIn(context, desk, {
        name: `준비회원${serial}`,
        birthDate: `19${60 + (serial % 40)}-0${1 + (serial % 9)}-1${serial % 10}`,
        phone: `010-8${String(serial).padStart(3, '0')}-${String(serial * 7)
          .padStart(4, '0')
          .slice(-4)}`,
        idDocumentType: 'resident_registration_card',
        pin: withPin ? FIXTURE_PIN : undefined,
        password: FIXTURE_MEMBER_PASSWORD,
        consent: true,
      });
      const member: FixtureMember = {
        id: registered.id,
        card: registered.card.number,
        pin: withPin ? FIXTURE_PIN : null,
        homeLibraryId: library.id,
        checkedIn: [library.id],
      };
      if (next.id !== library.id) {
        await checkIn(context, desks.get(next.id)!, member.id, {
          idDocumentType: 'passport',
          cardNumber: member.card,
        });
        member.checkedIn.push(next.id);
      }
      members.push(member);
      if (i % 3 === 0) {
        const barcode = library.items[i]!;
        await checkout(context, desk, { cardNumber: member.card, itemBarcode: barcode });
        overdue.push({ libraryId: library.id, barcode, card: member.card });
      }
    }
  }
  // Each library holds a few titles no other library has: the requests' copies, apart from the
  // items the desks and machines lend.
  const requestTitles: Fixtures['requestTitles'] = [];
  for (const library of libraries) {
    await attachCopies(
      db,
      library.id,
      Array.from({ length: 3 }, (_, n) => ({
        line: n + 1,
        barcode: `REQ-${library.id}-${n}`,
        title: `상호대차 충돌 시험 ${library.id}-${n}`,
        author: null,
        publisher: null,
        year: null,
        isbn: null,
        callNumber: null,
        loanable: true,
      })),
    );
    const rows = await db
      .selectFrom('items')
      .select(['barcode', 'record_id'])
      .where('library_id', '=', library.id)
      .where('barcode', 'like', 'REQ-%')
      .execute();
    for (const row of rows)
      requestTitles.push({ libraryId: library.id, barcode: row.barcode, recordId: row.record_id });
  }
  return { libraries, members, overdue, requestTitles };
}
