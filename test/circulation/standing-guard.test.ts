import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkout } from '../../src/modules/circulation/checkout.js';
import { returnItem } from '../../src/modules/circulation/return-item.js';
import { withdrawMember } from '../../src/modules/members/account.js';
import { registerWalkIn } from '../../src/modules/members/registration.js';
import type { StaffActor } from '../../src/platform/auth/actor.js';
import { addDays } from '../../src/platform/dates.js';
import { AppError } from '../../src/platform/errors.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { checkInDirectly } from '../support/check-ins.js';
import { libraryIdOf, shelve } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';

const A = 'gyeongnamdaepyo-library';
const B = 'jinju-yonam-library';
const ROUNDS = 8;

/** The database itself refuses a loan to a member the rules refuse (issue 13, point 3). */
describe(`the loan write guard on the member's standing (${testDatabaseKind})`, () => {
  let t: TestApp;
  let deskA: StaffActor;
  let deskB: StaffActor;
  let itemsA: Map<string, number>;
  let itemsB: Map<string, number>;
  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
    const desk = async (code: string, username: string): Promise<StaffActor> => {
      const staff = await t.db
        .selectFrom('staff')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      return {
        kind: 'staff',
        staffId: staff.id,
        libraryId: await libraryIdOf(t, code),
        role: 'desk',
      };
    };
    deskA = await desk(A, 'gyeongnamdaepyo-desk');
    deskB = await desk(B, 'jinju-yonam-desk');
    await shelve(
      t,
      A,
      Array.from({ length: 3 * ROUNDS }, (_, i) => ({ barcode: `GA${i}` })),
    );
    await shelve(
      t,
      B,
      Array.from({ length: 3 * ROUNDS }, (_, i) => ({ barcode: `GB${i}` })),
    );
    const ids = async (libraryId: number) =>
      new Map(
        (
          await t.db
            .selectFrom('items')
            .select(['id', 'barcode'])
            .where('library_id', '=', libraryId)
            .execute()
        ).map((row) => [row.barcode, Number(row.id)]),
      );
    itemsA = await ids(deskA.libraryId);
    itemsB = await ids(deskB.libraryId);
  });
  afterAll(async () => t?.close());

  let serial = 0;
  /** A member registered at A and checked in at B. */
  async function member(): Promise<{ id: number; card: string }> {
    serial += 1;
    const registered = await registerWalkIn(t.context, deskA, {
      name: `보호${serial}`,
      birthDate: '1980-01-01',
      phone: `0107100${String(serial).padStart(4, '0')}`,
      idDocumentType: 'passport',
      consent: true,
    });
    await checkInDirectly(t.db, { memberId: registered.id }, deskB.libraryId, t.clock.now());
    return { id: registered.id, card: registered.card.number };
  }

  /** A loan written straight to the table, as a checkout that read the member earlier would. */
  function rawLoan(memberId: number, itemId: number, libraryId: number, loanDay = t.clock.today()) {
    return t.db
      .insertInto('loans')
      .values({
        member_id: memberId,
        item_id: itemId,
        library_id: libraryId,
        loaned_at: t.clock.now(),
        loan_day: loanDay,
        due_date: addDays(loanDay, 14),
      })
      .execute();
  }

  const refusedByGuard = { constraint: 'loans_member_standing' };

  it('refuses a loan to a withdrawn member, a suspended member and one with an overdue loan', async () => {
    const withdrawn = await member();
    await withdrawMember(t.context, deskA, withdrawn.id);
    await expect(rawLoan(withdrawn.id, itemsA.get('GA0')!, deskA.libraryId)).rejects.toMatchObject(
      refusedByGuard,
    );

    const suspended = await member();
    await t.db
      .updateTable('members')
      .set({ suspended_until: t.clock.today() })
      .where('id', '=', suspended.id)
      .execute();
    await expect(rawLoan(suspended.id, itemsA.get('GA1')!, deskA.libraryId)).rejects.toMatchObject(
      refusedByGuard,
    );

    const late = await member();
    await rawLoan(late.id, itemsB.get('GB0')!, deskB.libraryId, addDays(t.clock.today(), -20));
    await expect(rawLoan(late.id, itemsA.get('GA2')!, deskA.libraryId)).rejects.toMatchObject(
      refusedByGuard,
    );
  });

  async function settle(work: Promise<unknown>[]) {
    const results = await Promise.allSettled(work);
    for (const r of results)
      if (r.status === 'rejected' && !(r.reason instanceof AppError)) throw r.reason;
    return results;
  }

  it('withdrawal at B against checkout at A: never a withdrawn member holding a loan', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { id, card } = await member();
      await settle([
        checkout(t.context, deskA, { cardNumber: card, itemBarcode: `GA${3 + round}` }),
        withdrawMember(t.context, deskB, id),
      ]);
      const state = await t.db
        .selectFrom('members')
        .leftJoin('loans', (join) =>
          join.onRef('loans.member_id', '=', 'members.id').on('loans.returned_at', 'is', null),
        )
        .select(['members.status', 'loans.id as loan'])
        .where('members.id', '=', id)
        .executeTakeFirstOrThrow();
      expect(state.status === 'withdrawn' && state.loan !== null).toBe(false);
    }
  });

  it('late return at B against checkout at A: the checkout is refused either way, with the reason', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { card, id } = await member();
      await rawLoan(
        id,
        itemsB.get(`GB${1 + round}`)!,
        deskB.libraryId,
        addDays(t.clock.today(), -20),
      );
      const [lent] = await settle([
        checkout(t.context, deskA, { cardNumber: card, itemBarcode: `GA${3 + ROUNDS + round}` }),
        returnItem(t.context, deskB, { itemBarcode: `GB${1 + round}` }),
      ]);
      expect(lent!.status).toBe('rejected');
      const codes = ((lent as PromiseRejectedResult).reason as AppError).reasons.map((r) => r.code);
      expect(codes.some((code) => ['MEMBER_HAS_OVERDUE', 'MEMBER_SUSPENDED'].includes(code))).toBe(
        true,
      );
    }
  });
});
