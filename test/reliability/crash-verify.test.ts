import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdPlacementProblem, registrationProblem, verify } from '../../crash/verify.js';
import type { Op } from '../../crash/workload.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { checkInDirectly } from '../support/check-ins.js';
import { libraryIdOf, shelve, walkIn } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import { allDayStaffClient, type Client } from '../support/http.js';

/**
 * The crash test's verdict on a hold placement (crash/verify.ts): it must find a placement whose
 * answer was lost when the member holds other titles at other libraries in the same moments, and
 * must still catch a hold that is missing, another member's, another library's or another title's.
 */
describe(`crash test verdict on holds (${testDatabaseKind})`, () => {
  let t: TestApp;
  let gnDesk: Client;
  let yonamDesk: Client;
  let gn: number;
  let yonam: number;
  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
    gnDesk = await allDayStaffClient(t.app, 'gyeongnamdaepyo-desk');
    yonamDesk = await allDayStaffClient(t.app, 'jinju-yonam-desk');
    gn = await libraryIdOf(t, 'gyeongnamdaepyo-library');
    yonam = await libraryIdOf(t, 'jinju-yonam-library');
    await shelve(t, 'gyeongnamdaepyo-library', [
      { barcode: 'V-GN', title: '검증하는 책' },
      { barcode: 'V-GN-2', title: '다른 책' },
    ]);
    await shelve(t, 'jinju-yonam-library', [{ barcode: 'V-YN', title: '연암의 책' }]);
  });
  afterAll(async () => t?.close());

  it('finds each placement at its own library, and catches one that is not there', async () => {
    const lender = await walkIn(gnDesk);
    const holder = await walkIn(gnDesk);
    const other = await walkIn(gnDesk);
    const started = t.clock.now().getTime();
    await checkInDirectly(t.db, { memberId: lender.id }, yonam, t.clock.now());
    await checkInDirectly(t.db, { memberId: holder.id }, yonam, t.clock.now());
    for (const [desk, barcode] of [
      [gnDesk, 'V-GN'],
      [gnDesk, 'V-GN-2'],
      [yonamDesk, 'V-YN'],
    ] as const) {
      const lent = await desk.post('/api/v1/checkouts', {
        cardNumber: lender.card,
        itemBarcode: barcode,
      });
      expect(lent.statusCode).toBe(201);
    }
    const atGn = await gnDesk.post('/api/v1/holds', {
      cardNumber: holder.card,
      itemBarcode: 'V-GN',
    });
    const atYonam = await yonamDesk.post('/api/v1/holds', {
      cardNumber: holder.card,
      itemBarcode: 'V-YN',
    });
    expect([atGn.statusCode, atYonam.statusCode]).toEqual([201, 201]);
    const gnHold = { libraryId: gn, barcode: 'V-GN', started };

    // Answers lost: each found at its own library, though the member held at both meanwhile.
    expect(await holdPlacementProblem(t.db, gnHold, holder.id)).toBeNull();
    expect(
      await holdPlacementProblem(t.db, { libraryId: yonam, barcode: 'V-YN', started }, holder.id),
    ).toBeNull();
    // Answered: the id names the hold.
    expect(
      await holdPlacementProblem(t.db, { ...gnHold, holdId: atGn.json().id }, holder.id),
    ).toBeNull();

    // What a broken service would leave behind is caught.
    expect(await holdPlacementProblem(t.db, gnHold, other.id)).toBe('the hold is missing');
    expect(await holdPlacementProblem(t.db, { ...gnHold, barcode: 'V-GN-2' }, holder.id)).toBe(
      'the hold is missing',
    );
    expect(
      await holdPlacementProblem(t.db, { ...gnHold, holdId: atYonam.json().id }, holder.id),
    ).toBe("the hold is another member's or library's");
    expect(await holdPlacementProblem(t.db, { ...gnHold, holdId: atGn.json().id }, other.id)).toBe(
      "the hold is another member's or library's",
    );
    expect(
      await holdPlacementProblem(
        t.db,
        { ...gnHold, barcode: 'V-GN-2', holdId: atGn.json().id },
        holder.id,
      ),
    ).toBe('the hold is on another title');
  });

  it('finds a registration among the members of the run, though a member from before shares its phone', async () => {
    const phone = '010-5026-0037';
    const before = await walkIn(gnDesk, { phone });
    t.clock.advanceMinutes(5);
    const runStart = t.clock.now().getTime();
    const registered = await walkIn(gnDesk, { phone, name: '충돌시험' });
    expect(
      await registrationProblem(t.db, { phone, memberId: registered.id }, runStart),
    ).toBeNull();
    // Missing, answered with another member, or applied twice during the run: caught.
    expect(await registrationProblem(t.db, { phone: '010-5026-0038' }, runStart)).toBe(
      '0 members with its phone',
    );
    expect(await registrationProblem(t.db, { phone, memberId: before.id }, runStart)).toBe(
      `member ${before.id} is not the one with its phone`,
    );
    await walkIn(gnDesk, { phone, name: '두번째' });
    expect(await registrationProblem(t.db, { phone, memberId: registered.id }, runStart)).toBe(
      '2 members with its phone',
    );
  });

  it("takes a machine's checkout or renewal answered again the same day as no new effect, and still catches one that is not there", async () => {
    await shelve(t, 'gyeongnamdaepyo-library', [
      { barcode: 'V-SC-1', title: '다시 보낸 대출' },
      { barcode: 'V-SC-2', title: '다시 보낸 연장' },
    ]);
    const member = await walkIn(gnDesk);
    t.clock.advanceMinutes(1);
    const runStart = t.clock.now().getTime();
    let id = 0;
    const op = (fields: Pick<Op, 'kind' | 'barcode' | 'channel'> & Partial<Op>): Op => ({
      id: ++id,
      libraryId: gn,
      card: member.card,
      memberId: member.id,
      started: t.clock.now().getTime(),
      ended: t.clock.now().getTime(),
      outcome: 'acked',
      attempts: 1,
      ...fields,
    });
    const desk: Op[] = [];
    for (const barcode of ['V-SC-1', 'V-SC-2']) {
      const lent = await gnDesk.post('/api/v1/checkouts', {
        cardNumber: member.card,
        itemBarcode: barcode,
      });
      expect(lent.statusCode).toBe(201);
      // V-SC-1's answer never reached the desk: the machine is asked for the book then.
      const outcome = barcode === 'V-SC-1' ? 'unknown' : 'acked';
      desk.push(op({ kind: 'checkout', channel: 'http', barcode, outcome }));
    }
    const renewed = await gnDesk.post('/api/v1/renewals', { itemBarcode: 'V-SC-2' });
    expect(renewed.statusCode).toBe(200);
    desk.push(op({ kind: 'renew', channel: 'http', barcode: 'V-SC-2' }));
    t.clock.advanceMinutes(1);
    const violations = async (...machine: Op[]) =>
      (
        await verify(
          t.db,
          [...desk, ...machine],
          { libraries: [], members: [], overdue: [], requestTitles: [] },
          runStart,
        )
      ).violations;
    // The machine asked after the desk: answered as the loan made, and as renewed.
    const checkoutAgain = op({
      kind: 'checkout',
      channel: 'sip2',
      barcode: 'V-SC-1',
      repeat: true,
    });
    const renewalAgain = op({ kind: 'renew', channel: 'sip2', barcode: 'V-SC-2', repeat: true });
    expect(await violations(checkoutAgain, renewalAgain)).toEqual([]);
    // A renewal answered twice but applied once is caught when it was not a repeat…
    expect(await violations({ ...renewalAgain, repeat: false })).toEqual([
      expect.stringMatching(/V-SC-2.*renew/),
    ]);
    // …and a checkout answered as a new one needs its own loan in its time.
    expect(await violations({ ...checkoutAgain, repeat: false })).toEqual([
      expect.stringMatching(/no loan of V-SC-1 to member \d+ in its time/),
    ]);
    // A repeat answered for a loan that was not the member's is caught too.
    expect(await violations({ ...checkoutAgain, memberId: member.id + 1000 })).toEqual([
      expect.stringMatching(/answered as lent today, but no loan of V-SC-1/),
    ]);
  });
});
