import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDatabase } from '../../src/cli/copy-database.js';
import { placeRequest } from '../../src/modules/requests/requests.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { codes, libraryIdOf, walkIn } from '../support/circulation.js';
import { insertCopies } from '../support/copies.js';
import { testDatabaseKind } from '../support/database.js';
import { allDayStaffClient, type Client } from '../support/http.js';
import { recordOfCopy, refusalOf } from '../support/requests.js';

/**
 * Holds and inter-library requests share the copies (docs/decisions.md "Holds and requests share
 * the copies"): a copy reserved for a request is not on the shelf for a hold, a copy set aside for
 * a hold is not sent for a request, a requested copy goes home before it serves a line, and one
 * member does not hold and request the same title.
 */
describe(`holds beside inter-library requests (${testDatabaseKind})`, () => {
  let t: TestApp;
  let pickupDesk: Client;
  let lenderDesk: Client;
  let P: number;
  let L: number;

  const recordOf = (barcode: string) => recordOfCopy(t.db, barcode);

  beforeAll(async () => {
    // Tuesday 1 December 2026, 10:00 in Seoul.
    t = await createTestApp({ accounts: true, start: '2026-12-01T10:00:00+09:00' });
    P = await libraryIdOf(t, 'jinju-yonam-library');
    L = await libraryIdOf(t, 'jinju-seobu-library');
    pickupDesk = await allDayStaffClient(t.app, 'jinju-yonam-desk');
    lenderDesk = await allDayStaffClient(t.app, 'jinju-seobu-desk');
    await insertCopies(t.db, L, [
      { barcode: 'X-1', title: '함께 쓰는 책', author: '작가' },
      { barcode: 'Z-1', title: '보관되는 책', author: '작가' },
      { barcode: 'W-1', title: '옮겨지는 책', author: '작가' },
    ]);
  });
  afterAll(async () => t?.close());

  it('a requested copy travels home before it serves the line there, and is set aside on arrival', async () => {
    const requester = await walkIn(pickupDesk);
    const holder = await walkIn(lenderDesk);
    const recordId = await recordOf('X-1');
    const request = await placeRequest(
      t.context,
      { kind: 'member', memberId: requester.id },
      { recordId, pickupLibraryId: P },
    );
    expect(request).toMatchObject({ itemBarcode: 'X-1', lendingLibrary: { id: L } });
    // Reserved for the request, it is not on the shelf in the catalogue either.
    const title = (await t.app.inject({ url: `/api/v1/catalogue/titles/${recordId}` })).json();
    expect(
      title.holdings.map((h: { library: { id: number }; copies: number; available: number }) => [
        h.library.id,
        h.copies,
        h.available,
      ]),
    ).toEqual([[L, 1, 0]]);
    const onShelf = (
      await t.app.inject({
        url: `/api/v1/catalogue?q=${encodeURIComponent('함께 쓰는')}&available=true`,
      })
    ).json();
    expect(onShelf.titles).toEqual([]);

    // The only copy is reserved for the request: not on the shelf, so a hold is needed and taken.
    const held = await lenderDesk.post('/api/v1/holds', {
      cardNumber: holder.card,
      itemBarcode: 'X-1',
    });
    expect(held.statusCode).toBe(201);
    expect(held.json()).toMatchObject({ state: 'waiting', position: 1 });
    // Holding the title already: a request of it is a duplicate (with every other reason).
    const twice = await refusalOf(
      placeRequest(
        t.context,
        { kind: 'member', memberId: holder.id },
        { recordId, pickupLibraryId: P },
      ),
    );
    expect(twice).toContain('HOLD_DUPLICATE');
    // Requesting it already: a hold of it is a duplicate too.
    await lenderDesk.post(`/api/v1/members/${requester.id}/check-ins`, {
      idDocumentType: 'resident_registration_card',
      cardNumber: requester.card,
    });
    const requesterHold = await lenderDesk.post('/api/v1/holds', {
      cardNumber: requester.card,
      itemBarcode: 'X-1',
    });
    expect(codes(requesterHold.json())).toContain('HOLD_DUPLICATE');

    expect(
      (await lenderDesk.post('/api/v1/requests/sent', { itemBarcode: 'X-1' })).statusCode,
    ).toBe(200);
    expect(
      (await pickupDesk.post('/api/v1/requests/received', { itemBarcode: 'X-1' })).statusCode,
    ).toBe(200);
    const lent = await pickupDesk.post('/api/v1/checkouts', {
      cardNumber: requester.card,
      itemBarcode: 'X-1',
    });
    expect(lent.statusCode).toBe(201);
    // Returned at the pickup library: sent home, not set aside there.
    const back = await pickupDesk.post('/api/v1/returns', { itemBarcode: 'X-1' });
    expect(back.json()).toMatchObject({ transit: { to: { id: L } }, heldFor: null });
    const waiting = await t.db
      .selectFrom('holds')
      .select(['state', 'item_id'])
      .where('member_id', '=', holder.id)
      .executeTakeFirstOrThrow();
    expect(waiting).toEqual({ state: 'waiting', item_id: null });

    // Received home: set aside for the first in line, who is told; nobody else may borrow it.
    const home = await lenderDesk.post('/api/v1/requests/received-home', { itemBarcode: 'X-1' });
    expect(home.json().request).toMatchObject({ state: 'closed', outcome: 'completed' });
    const ready = await t.db
      .selectFrom('holds as h')
      .innerJoin('items as i', 'i.id', 'h.item_id')
      .select(['h.state', 'i.barcode'])
      .where('h.member_id', '=', holder.id)
      .executeTakeFirstOrThrow();
    expect(ready).toEqual({ state: 'ready', barcode: 'X-1' });
    const told = await t.db
      .selectFrom('notices')
      .select('kind')
      .where('member_id', '=', holder.id)
      .where('kind', '=', 'hold_ready')
      .execute();
    expect(told.length).toBeGreaterThan(0);
    const other = await walkIn(lenderDesk);
    const refused = await lenderDesk.post('/api/v1/checkouts', {
      cardNumber: other.card,
      itemBarcode: 'X-1',
    });
    expect(codes(refused.json())).toEqual(['ITEM_ON_HOLD']);
    const collected = await lenderDesk.post('/api/v1/checkouts', {
      cardNumber: holder.card,
      itemBarcode: 'X-1',
    });
    expect(collected.statusCode).toBe(201);
  });

  it('a copy set aside for a hold is not sent for a request', async () => {
    const borrower = await walkIn(lenderDesk);
    const holder = await walkIn(lenderDesk);
    const requester = await walkIn(pickupDesk);
    expect(
      (
        await lenderDesk.post('/api/v1/checkouts', {
          cardNumber: borrower.card,
          itemBarcode: 'Z-1',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await lenderDesk.post('/api/v1/holds', { cardNumber: holder.card, itemBarcode: 'Z-1' }))
        .statusCode,
    ).toBe(201);
    const back = await lenderDesk.post('/api/v1/returns', { itemBarcode: 'Z-1' });
    expect(back.json().heldFor).not.toBeNull();
    const refused = await refusalOf(
      placeRequest(
        t.context,
        { kind: 'member', memberId: requester.id },
        { recordId: await recordOf('Z-1'), pickupLibraryId: P },
      ),
    );
    expect(refused).toEqual(['REQUEST_NOT_AVAILABLE']);
  });

  it('moves into a new database with its holds and requests as they are (copy-to-postgres)', async () => {
    // A request collected (its copy on loan at the pickup library) and holds in every state above.
    const requester = await walkIn(pickupDesk);
    await placeRequest(
      t.context,
      { kind: 'member', memberId: requester.id },
      { recordId: await recordOf('W-1'), pickupLibraryId: P },
    );
    await lenderDesk.post('/api/v1/requests/sent', { itemBarcode: 'W-1' });
    await pickupDesk.post('/api/v1/requests/received', { itemBarcode: 'W-1' });
    const lent = await pickupDesk.post('/api/v1/checkouts', {
      cardNumber: requester.card,
      itemBarcode: 'W-1',
    });
    expect(lent.statusCode).toBe(201);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-copy-holds-'));
    const target = await openDatabase({ dataDir: dir });
    try {
      await migrateToLatest(target.db);
      await copyDatabase(t.db, target.db);
      const states = async (db: typeof t.db) => ({
        holds: (await db.selectFrom('holds').select(['id', 'state']).orderBy('id').execute()).map(
          (h) => `${h.id}:${h.state}`,
        ),
        requests: (
          await db
            .selectFrom('inter_library_requests')
            .select(['id', 'state'])
            .orderBy('id')
            .execute()
        ).map((r) => `${r.id}:${r.state}`),
      });
      const copied = await states(target.db);
      expect(copied).toEqual(await states(t.db));
      expect(copied.requests.some((r) => r.endsWith(':collected'))).toBe(true);
    } finally {
      await target.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
