import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkout } from '../../src/modules/circulation/checkout.js';
import { renewLoan } from '../../src/modules/circulation/renew.js';
import { returnItem } from '../../src/modules/circulation/return-item.js';
import { registerWalkIn } from '../../src/modules/members/registration.js';
import type { StaffActor } from '../../src/platform/auth/actor.js';
import { addDays } from '../../src/platform/dates.js';
import { AppError } from '../../src/platform/errors.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { checkInDirectly } from '../support/check-ins.js';
import { libraryIdOf, shelve } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';

/** Many desks (and machines) at the same instant: the database keeps the invariants. */
describe(`concurrent circulation (${testDatabaseKind})`, () => {
  let t: TestApp;
  let deskA: StaffActor;
  let deskB: StaffActor;
  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
    const a = await libraryIdOf(t, 'gyeongnamdaepyo-library');
    const b = await libraryIdOf(
      t,
      'gyeongnamdaepyo-library'.replace('gyeongnamdaepyo', 'jinju-yonam'),
    );
    const staffA = await t.db
      .selectFrom('staff')
      .select('id')
      .where('username', '=', 'gyeongnamdaepyo-desk')
      .executeTakeFirstOrThrow();
    const staffB = await t.db
      .selectFrom('staff')
      .select('id')
      .where('username', '=', 'jinju-yonam-desk')
      .executeTakeFirstOrThrow();
    deskA = { kind: 'staff', staffId: staffA.id, libraryId: a, role: 'desk' };
    deskB = { kind: 'staff', staffId: staffB.id, libraryId: b, role: 'desk' };
    await shelve(
      t,
      'gyeongnamdaepyo-library',
      Array.from({ length: 40 }, (_, i) => ({ barcode: `A${i}` })),
    );
    await shelve(
      t,
      'jinju-yonam-library',
      Array.from({ length: 40 }, (_, i) => ({ barcode: `B${i}` })),
    );
  });
  afterAll(async () => t?.close());

  let serial = 0;
  async function member() {
    serial += 1;
    const registered = await registerWalkIn(t.context, deskA, {
      name: `동시${serial}`,
      birthDate: '1980-01-01',
      phone: `0107000${String(serial).padStart(4, '0')}`,
      idDocumentType: 'passport',
      consent: true,
    });
    await checkInDirectly(t.db, { memberId: registered.id }, deskB.libraryId, new Date());
    return registered.card.number;
  }

  async function settle<T>(work: Promise<T>[]): Promise<{ ok: number; refusals: string[] }> {
    const results = await Promise.allSettled(work);
    const refusals = results.flatMap((r) =>
      r.status === 'rejected' ? [(r.reason as AppError).code ?? String(r.reason)] : [],
    );
    for (const r of results)
      if (r.status === 'rejected' && !(r.reason instanceof AppError)) throw r.reason;
    return { ok: results.filter((r) => r.status === 'fulfilled').length, refusals };
  }

  async function assertInvariants() {
    const doubled = await t.db
      .selectFrom('loans')
      .select(['item_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('returned_at', 'is', null)
      .groupBy('item_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(doubled).toEqual([]);
    const perMember = await t.db
      .selectFrom('loans')
      .select(['member_id', 'library_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('returned_at', 'is', null)
      .groupBy(['member_id', 'library_id'])
      .execute();
    for (const row of perMember) expect(Number(row.n)).toBeLessThanOrEqual(5);
  }

  it('lends one item once when twenty desks try at the same instant', async () => {
    const cards = await Promise.all(Array.from({ length: 20 }, () => member()));
    const { ok, refusals } = await settle(
      cards.map((card) => checkout(t.context, deskA, { cardNumber: card, itemBarcode: 'A0' })),
    );
    expect(ok).toBe(1);
    expect(refusals).toEqual(Array(19).fill('ITEM_ON_LOAN'));
    await assertInvariants();
  });

  it('never takes a member over the network limit when two libraries lend the last loans at once', async () => {
    await t.db.updateTable('network_rules').set({ network_loan_limit: 6 }).execute();
    const card = await member();
    for (let i = 1; i <= 3; i++)
      await checkout(t.context, deskA, { cardNumber: card, itemBarcode: `A${i}` });
    for (let i = 20; i <= 21; i++)
      await checkout(t.context, deskB, { cardNumber: card, itemBarcode: `B${i}` });
    const attempts = [
      ...Array.from({ length: 6 }, (_, i) =>
        checkout(t.context, deskB, { cardNumber: card, itemBarcode: `B${i}` }),
      ),
      ...Array.from({ length: 6 }, (_, i) =>
        checkout(t.context, deskA, { cardNumber: card, itemBarcode: `A${10 + i}` }),
      ),
    ];
    const { ok, refusals } = await settle(attempts);
    expect(ok).toBe(1);
    expect(refusals).toHaveLength(11);
    expect(refusals.every((code) => code === 'NETWORK_LOAN_LIMIT')).toBe(true);
    const open = await t.db
      .selectFrom('loans')
      .select('id')
      .where('returned_at', 'is', null)
      .where('library_id', 'in', [deskA.libraryId, deskB.libraryId])
      .execute();
    expect(open.length).toBeLessThanOrEqual(1 + 6);
    await assertInvariants();
    await t.db.updateTable('network_rules').set({ network_loan_limit: 20 }).execute();
  });

  it('returns an item once when two desks scan it together', async () => {
    const card = await member();
    await checkout(t.context, deskA, { cardNumber: card, itemBarcode: 'A30' });
    const { ok, refusals } = await settle([
      returnItem(t.context, deskA, { itemBarcode: 'A30' }),
      returnItem(t.context, deskA, { itemBarcode: 'A30' }),
    ]);
    expect(ok).toBe(1);
    expect(refusals).toEqual(['ITEM_NOT_ON_LOAN']);
  });

  it('counts a renewal once per desk when two desks renew one loan together', async () => {
    const card = await member();
    await checkout(t.context, deskA, { cardNumber: card, itemBarcode: 'A31' });
    const { ok, refusals } = await settle(
      Array.from({ length: 4 }, () => renewLoan(t.context, deskA, { itemBarcode: 'A31' })),
    );
    // The library allows one renewal: one desk renews, the others are told the limit is reached.
    expect(ok).toBe(1);
    expect(refusals).toEqual(Array(3).fill('RENEWAL_LIMIT'));
    const loan = await t.db
      .selectFrom('loans')
      .innerJoin('items', 'items.id', 'loans.item_id')
      .select(['loans.id', 'loans.renewals'])
      .where('items.barcode', '=', 'A31')
      .where('loans.returned_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(loan.renewals).toBe(1);
    const audited = await t.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'loan.renewed')
      .where('subject_id', '=', String(loan.id))
      .execute();
    expect(audited).toHaveLength(1);
    await returnItem(t.context, deskA, { itemBarcode: 'A31' });
  });

  it('keeps a loan consistent when it is renewed and returned at the same instant', async () => {
    const card = await member();
    await checkout(t.context, deskA, { cardNumber: card, itemBarcode: 'A32' });
    const results = await Promise.allSettled([
      renewLoan(t.context, deskA, { itemBarcode: 'A32' }),
      returnItem(t.context, deskA, { itemBarcode: 'A32' }),
    ]);
    expect(results[1]?.status).toBe('fulfilled');
    if (results[0]?.status === 'rejected') {
      expect((results[0].reason as AppError).code).toBe('ITEM_NOT_ON_LOAN');
    }
    const loans = await t.db
      .selectFrom('loans')
      .innerJoin('items', 'items.id', 'loans.item_id')
      .select(['loans.returned_at', 'loans.renewals', 'loans.days_late'])
      .where('items.barcode', '=', 'A32')
      .execute();
    expect(loans).toHaveLength(1);
    expect(loans[0]?.returned_at).not.toBeNull();
    expect(loans[0]?.days_late).toBe(0);
    expect(loans[0]?.renewals).toBe(results[0]?.status === 'fulfilled' ? 1 : 0);
  });

  it('returns the loan the copy has when it was returned and lent again between the read and the locks', async () => {
    const first = await member();
    const second = await member();
    const today = t.context.clock.today();
    const overdue = (loanId: number, days: number) =>
      t.db
        .updateTable('loans')
        .set({ due_date: addDays(today, -days), loan_day: addDays(today, -days - 14) })
        .where('id', '=', loanId)
        .execute();
    const lent = await checkout(t.context, deskA, { cardNumber: first, itemBarcode: 'A33' });
    // Overdue: the late return takes the locked path, the member its read saw locked first.
    await overdue(lent.loan.id, 5);
    // Right after the return's read, another desk takes the copy back (late: the first member is
    // suspended) and it is lent again, to a member who keeps it overdue too.
    let raced: { firstUntil: string | null; loanId: number; memberId: number } | null = null;
    const racing = t.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        if (!raced) {
          raced = { firstUntil: null, loanId: 0, memberId: 0 };
          const back = await returnItem(t.context, deskA, { itemBarcode: 'A33' });
          const again = await checkout(t.context, deskA, {
            cardNumber: second,
            itemBarcode: 'A33',
          });
          await overdue(again.loan.id, 3);
          raced = {
            firstUntil: back.suspension?.until ?? null,
            loanId: again.loan.id,
            memberId: again.memberId,
          };
        }
        return args.result;
      },
    });
    const returned = await returnItem({ ...t.context, db: racing }, deskA, {
      itemBarcode: 'A33',
    });
    const race = raced as unknown as { firstUntil: string; loanId: number; memberId: number };
    expect(race.firstUntil).toBe(addDays(today, 4));
    // It returned the second member's loan, 3 days late, and suspended that member — not the
    // first, whose suspension is the one their own return set.
    expect(returned.loan).toMatchObject({ id: race.loanId, daysLate: 3 });
    expect(returned.suspension?.until).toBe(addDays(today, 2));
    const members = await t.db
      .selectFrom('members')
      .select(['id', 'suspended_until', 'suspension_loan_id'])
      .where('id', 'in', [lent.memberId, race.memberId])
      .orderBy('id')
      .execute();
    expect(members.map((m) => [m.suspended_until, m.suspension_loan_id])).toEqual([
      [addDays(today, 4), lent.loan.id],
      [addDays(today, 2), race.loanId],
    ]);
    await assertInvariants();
  });
});
