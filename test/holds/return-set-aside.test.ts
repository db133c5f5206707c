import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeLoanOnTime,
  RETURN_AND_SET_ASIDE,
} from '../../src/modules/circulation/loan-writes.js';
import { planTrap, setAsideCtes } from '../../src/modules/holds/index.js';
import { auditRow } from '../../src/platform/audit.js';
import { isCheckViolation } from '../../src/platform/db/errors.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { shelve, walkIn } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import { allDayStaffClient, type Client } from '../support/http.js';

/**
 * A return on time of a held copy is one statement: the loan closed and the copy set aside for
 * the hold read before it. Both happen or neither: a hold that left the line, or a loan renewed,
 * since the read leaves everything as it was, and the desk's return then decides afresh.
 */
describe(`a return that sets its copy aside, whole or not at all (${testDatabaseKind})`, () => {
  let t: TestApp;
  let desk: Client;
  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
    desk = await allDayStaffClient(t.app, 'gyeongnamdaepyo-desk');
    await shelve(t, 'gyeongnamdaepyo-library', [
      { barcode: 'SA-1', title: '떠난 줄의 책' },
      { barcode: 'SA-2', title: '연장된 책' },
    ]);
  });
  afterAll(async () => t?.close());

  /** A copy lent to one member and held by another; the return's plan read now. */
  async function lentAndHeld(barcode: string) {
    const borrower = await walkIn(desk);
    const holder = await walkIn(desk);
    const lent = await desk.post('/api/v1/checkouts', {
      cardNumber: borrower.card,
      itemBarcode: barcode,
    });
    expect(lent.statusCode).toBe(201);
    const held = await desk.post('/api/v1/holds', {
      cardNumber: holder.card,
      itemBarcode: barcode,
    });
    expect(held.statusCode).toBe(201);
    const loan = await t.db
      .selectFrom('loans as o')
      .innerJoin('items as i', 'i.id', 'o.item_id')
      .select(['o.id', 'o.item_id', 'o.due_date'])
      .where('i.barcode', '=', barcode)
      .where('o.returned_at', 'is', null)
      .executeTakeFirstOrThrow();
    const plan = await planTrap(t.db, loan.item_id, t.clock.today());
    expect(plan?.holdId).toBe(held.json().id);
    return { loan, plan: plan!, holdId: held.json().id as number, holder };
  }

  const closeWithTrap = (
    loan: { id: number; item_id: number; due_date: string },
    plan: NonNullable<Awaited<ReturnType<typeof planTrap>>>,
  ) =>
    closeLoanOnTime(t.db, {
      loanId: loan.id,
      dueDate: loan.due_date,
      returnedAt: t.clock.now(),
      returnDay: t.clock.today(),
      keepInHistory: true,
      audit: auditRow(null, t.clock.now(), {
        action: 'loan.returned',
        subjectKind: 'loan',
        subjectId: loan.id,
        details: {},
      }),
      setAside: setAsideCtes(
        null,
        { now: t.clock.now(), today: t.clock.today() },
        loan.item_id,
        plan,
      ),
    });

  const stateOf = async (loanId: number, holdId: number) => ({
    returned: (
      await t.db
        .selectFrom('loans')
        .select('returned_at')
        .where('id', '=', loanId)
        .executeTakeFirstOrThrow()
    ).returned_at,
    hold: (
      await t.db
        .selectFrom('holds')
        .select(['state', 'item_id'])
        .where('id', '=', holdId)
        .executeTakeFirstOrThrow()
    ).state,
    notices: Number(
      (
        await t.db
          .selectFrom('notices')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('hold_id', '=', holdId)
          .executeTakeFirstOrThrow()
      ).n,
    ),
    returnEvents: Number(
      (
        await t.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('action', '=', 'loan.returned')
          .where('subject_id', '=', String(loanId))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  it('the hold left the line since the read: the loan stays open, then the desk returns it plainly', async () => {
    const { loan, plan, holdId } = await lentAndHeld('SA-1');
    await t.db.updateTable('holds').set({ state: 'cancelled' }).where('id', '=', holdId).execute();
    const failed = await closeWithTrap(loan, plan).catch((error: unknown) => error);
    expect(isCheckViolation(failed, RETURN_AND_SET_ASIDE)).toBe(true);
    expect(await stateOf(loan.id, holdId)).toEqual({
      returned: null,
      hold: 'cancelled',
      notices: 0,
      returnEvents: 0,
    });
    // The desk's return reads afresh: no one waits now, the copy goes back on the shelf.
    const returned = await desk.post('/api/v1/returns', { itemBarcode: 'SA-1' });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().heldFor).toBeNull();
    expect((await stateOf(loan.id, holdId)).returned).not.toBeNull();
  });

  it('the loan was renewed since the read: the copy is not set aside while it is still out', async () => {
    const { loan, plan, holdId, holder } = await lentAndHeld('SA-2');
    await t.db
      .updateTable('loans')
      .set({ due_date: '2027-01-31' })
      .where('id', '=', loan.id)
      .execute();
    const failed = await closeWithTrap(loan, plan).catch((error: unknown) => error);
    expect(isCheckViolation(failed, RETURN_AND_SET_ASIDE)).toBe(true);
    expect(await stateOf(loan.id, holdId)).toEqual({
      returned: null,
      hold: 'waiting',
      notices: 0,
      returnEvents: 0,
    });
    // Read as it is now, the return closes the loan and sets the copy aside, in one statement.
    const returned = await desk.post('/api/v1/returns', { itemBarcode: 'SA-2' });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().heldFor?.maskedName).toBeTruthy();
    const after = await stateOf(loan.id, holdId);
    expect(after).toMatchObject({ hold: 'ready', returnEvents: 1 });
    expect(after.notices).toBeGreaterThan(0);
    const collected = await desk.post('/api/v1/checkouts', {
      cardNumber: holder.card,
      itemBarcode: 'SA-2',
    });
    expect(collected.statusCode).toBe(201);
  });
});
