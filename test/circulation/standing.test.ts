import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../src/app.js';
import { createAppContext } from '../../src/app-context.js';
import { isCheckViolation } from '../../src/platform/db/errors.js';
import type { App } from '../../src/platform/http/server.js';
import { createLogger } from '../../src/platform/logger.js';
import { demoCardNumber } from '../../src/seed/demo-accounts.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { codes, shelve, walkIn } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import { type Client, memberClient, staffClient } from '../support/http.js';

/** Counts the statements the database answers (each one round trip). */
class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery: KyselyPlugin['transformQuery'] = (args) => args.node;
  async transformResult(args: Parameters<KyselyPlugin['transformResult']>[0]) {
    this.count += 1;
    return args.result;
  }
}

describe(`the borrower standing through the API (${testDatabaseKind})`, () => {
  let t: TestApp;
  let app: App;
  const counter = new StatementCounter();
  let desk: Client;
  let yonamDesk: Client;
  let portal: Client;
  const card = demoCardNumber(1);

  beforeAll(async () => {
    t = await createTestApp({ accounts: true, start: '2026-12-01T10:00:00+09:00' });
    app = await buildHttpApp(
      createAppContext(t.db.withPlugin(counter), t.clock, createLogger('silent')),
    );
    await shelve(t, 'gyeongnamdaepyo-library', [
      { barcode: 'ST-1', title: '표준 1' },
      { barcode: 'ST-2', title: '표준 2' },
    ]);
    await shelve(t, 'jinju-yonam-library', [{ barcode: 'ST-JY', title: '연암 표준' }]);
    desk = await staffClient(app, 'gyeongnamdaepyo-desk');
    yonamDesk = await staffClient(app, 'jinju-yonam-desk');
    portal = await memberClient(app, card);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  async function roundTrips(work: () => Promise<{ statusCode: number }>, status: number) {
    counter.count = 0;
    const response = await work();
    expect(response.statusCode).toBe(status);
    return counter.count;
  }

  it('keeps the hot paths at their round trips: checkout 3, renewal 3, desk status 2, return 3', async () => {
    const memberId = (
      await desk.post('/api/v1/checkouts', { cardNumber: card, itemBarcode: 'ST-1' })
    ).json().memberId;
    await desk.post('/api/v1/returns', { itemBarcode: 'ST-1' });
    const trips = {
      checkout: await roundTrips(
        () => desk.post('/api/v1/checkouts', { cardNumber: card, itemBarcode: 'ST-1' }),
        201,
      ),
      renewal: await roundTrips(() => desk.post('/api/v1/renewals', { itemBarcode: 'ST-1' }), 200),
      deskStatus: await roundTrips(() => desk.get(`/api/v1/members/${memberId}/loans`), 200),
      portalStatus: await roundTrips(() => portal.get('/api/v1/me/loans'), 200),
      return: await roundTrips(() => desk.post('/api/v1/returns', { itemBarcode: 'ST-1' }), 200),
    };
    expect(trips).toEqual({ checkout: 3, renewal: 3, deskStatus: 2, portalStatus: 2, return: 3 });
  });

  it("the portal shows the server's answers: loans left, renewable per loan with every reason", async () => {
    await desk.post('/api/v1/checkouts', { cardNumber: card, itemBarcode: 'ST-2' });
    await desk.post('/api/v1/renewals', { itemBarcode: 'ST-2' });
    await yonamDesk.post('/api/v1/checkouts', { cardNumber: card, itemBarcode: 'ST-JY' });
    const mine = (await portal.get('/api/v1/me/loans')).json();
    expect(mine.standing).toEqual({
      mayBorrow: true,
      refusals: [],
      loansLeft: { network: 18, here: null },
    });
    const byBarcode = Object.fromEntries(
      mine.openLoans.map((l: { itemBarcode: string }) => [l.itemBarcode, l]),
    );
    expect(byBarcode['ST-2']).toMatchObject({ renewals: 1, renewable: false });
    expect(byBarcode['ST-2'].renewalRefusals).toEqual([
      {
        code: 'RENEWAL_LIMIT',
        detail: expect.stringMatching(/연장/),
        // Both languages, for a member who switches language with the page open.
        sentences: { ko: expect.stringMatching(/연장/), en: expect.stringMatching(/renew/i) },
      },
    ]);
    const [korean] = byBarcode['ST-2'].renewalRefusals;
    expect(korean.sentences.ko).toBe(korean.detail);
    expect(byBarcode['ST-JY']).toMatchObject({ renewable: true, renewalRefusals: [] });
    const english = (
      await portal.request('GET', '/api/v1/me/loans', undefined, { 'accept-language': 'en' })
    ).json();
    const st2 = english.openLoans.find((l: { itemBarcode: string }) => l.itemBarcode === 'ST-2');
    expect(st2.renewalRefusals[0].detail).toMatch(/renew/i);
    expect(st2.renewalRefusals[0].sentences).toEqual(korean.sentences);
  });

  it('a desk not holding the member sees no status; the checkout says CHECK_IN_REQUIRED', async () => {
    const stranger = await walkIn(yonamDesk);
    const status = await desk.get(`/api/v1/members/${stranger.id}/loans`);
    expect([status.statusCode, status.json().code]).toEqual([403, 'FORBIDDEN']);
    // The card presented at the checkout gets the reason, with the check-in offer.
    const refused = await desk.post('/api/v1/checkouts', {
      cardNumber: stranger.card,
      itemBarcode: 'ST-1',
    });
    expect(codes(refused.json())).toContain('CHECK_IN_REQUIRED');
  });

  it('the limits trigger refuses exactly where the standing says no loans are left', async () => {
    const gn = await t.db
      .selectFrom('libraries')
      .select('id')
      .where('code', '=', 'gyeongnamdaepyo-library')
      .executeTakeFirstOrThrow();
    const member = await walkIn(desk);
    await t.db
      .updateTable('library_loan_rules')
      .set({ loan_limit: 1 })
      .where('library_id', '=', gn.id)
      .execute();
    try {
      await shelve(t, 'gyeongnamdaepyo-library', [{ barcode: 'LIM-1' }, { barcode: 'LIM-2' }]);
      const lent = await desk.post('/api/v1/checkouts', {
        cardNumber: member.card,
        itemBarcode: 'LIM-1',
      });
      expect(lent.json().loansLeft.here).toBe(0);
      const status = (await desk.get(`/api/v1/members/${member.id}/loans`)).json();
      expect(status.standing.loansLeft.here).toBe(0);
      expect(codes({ reasons: status.standing.refusals })).toEqual(['LIBRARY_LOAN_LIMIT']);
      expect(status.standing.refusals[0].sentences).toEqual({
        ko: status.standing.refusals[0].detail,
        en: expect.stringMatching(/limit/i),
      });
      // Past the rules, straight into the table: the trigger refuses the same loan.
      const item = await t.db
        .selectFrom('items')
        .select('id')
        .where('barcode', '=', 'LIM-2')
        .executeTakeFirstOrThrow();
      const error = await t.db
        .insertInto('loans')
        .values({
          member_id: member.id,
          item_id: item.id,
          library_id: gn.id,
          loaned_at: new Date(),
          loan_day: '2026-12-01',
          due_date: '2026-12-15',
        })
        .execute()
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(isCheckViolation(error, 'loans_library_loan_limit')).toBe(true);
    } finally {
      await t.db
        .updateTable('library_loan_rules')
        .set({ loan_limit: 5 })
        .where('library_id', '=', gn.id)
        .execute();
    }
  });
});
