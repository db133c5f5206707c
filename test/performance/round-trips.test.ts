import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCard } from '../../src/modules/members/index.js';
import { databaseTraffic } from '../../src/platform/db/traffic.js';
import { DEMO_MEMBER_PIN, demoCardNumber } from '../../src/seed/demo-accounts.js';
import { addItems, GN, type Sip2TestBed, startSip2TestBed } from '../sip2/support.js';
import { checkInDirectly } from '../support/check-ins.js';
import { testDatabaseKind } from '../support/database.js';
import { type Client, memberClient, staffClient } from '../support/http.js';

/**
 * The round-trip budget of the hot paths, as the real clients send them (the web desk with an
 * Idempotency-Key on every write, a kiosk with the PIN on every message): the database round
 * trips (each statement, BEGIN and COMMIT) and transactions of one request, counted at the driver
 * (src/platform/db/traffic.ts), on the embedded engine and on PostgreSQL alike. A change that
 * makes one of them grow past its budget fails here — a performance regression caught without
 * timing anything. Lowering a figure is welcome: lower its budget with it.
 */
const BUDGETS = {
  // Session, the read, the write (with its audit events, the key recorded and the answer kept, in
  // one statement: no transaction, nothing stored after it). The answer carries the member's
  // status after the write.
  checkout: { roundTrips: 3, transactions: 0 },
  return: { roundTrips: 3, transactions: 0 },
  renewal: { roundTrips: 3, transactions: 0 },
  // Session, then one statement: the card with its member (home library, current card) and their
  // standing, held here or not, with the look's audit events.
  cardScan: { roundTrips: 2, transactions: 0 },
  // Session, the status read (its audit rides in it).
  deskStatus: { roundTrips: 2, transactions: 0 },
  portalLoans: { roundTrips: 2, transactions: 0 },
  // The card, the PIN (reserve an attempt, then clear the count), the read, the write.
  sip2CheckoutFirstWithPin: { roundTrips: 5, transactions: 0 },
  // The same PIN later in the patron session: no verification, no round trip for it.
  sip2CheckoutWithPinInSession: { roundTrips: 3, transactions: 0 },
} as const;
type Path = keyof typeof BUDGETS;
/**
 * Placing a hold at the desk: the session, the member's standing, the title with the hold rules
 * and its line (one statement), the hold with its audit event and key (one statement, no
 * transaction), the hold read back, its answer kept (13 round trips and a transaction before
 * they were folded). The return on time that sets a copy aside: the session, the return's read,
 * the copy's line and hold rules, then one statement — the loan closed, the copy set aside, its
 * notice, both audit events and the key with its answer (19 round trips and a transaction before
 * the first fold, 14 and one before the second).
 */
const HOLD_PLACE_ROUND_TRIPS = 6;
/**
 * A card whose member the library does not hold: the scan's two, and the library's count of such
 * look-ups (docs/security.md, "Card look-ups"), one upsert.
 */
const CARD_SCAN_ELSEWHERE_ROUND_TRIPS = BUDGETS.cardScan.roundTrips + 1;
const HOLD_PLACE_TRANSACTIONS = 0;
const HOLD_TRAP_ROUND_TRIPS = 4;
const HOLD_TRAP_TRANSACTIONS = 0;
/**
 * A late return with a key, the locked path (it extends the member's suspension at every library
 * at once): the session, the return's read, then one transaction — the member locked (the one the
 * read saw on the loan), the loan locked with the network's suspension rules and whether anyone
 * waits for the title here, one statement for the loan closed, the suspension with its notice, the
 * audit event and the key with the answer, COMMIT (16 round trips before round 22: the loan read
 * twice, the rules and the library read, four writes, and the answer stored after the commit; 9
 * in round 22: the title's line read even when no one waited, and the key written at COMMIT).
 */
const LATE_RETURN_ROUND_TRIPS = 7;
const LATE_RETURN_TRANSACTIONS = 1;

const CARD = demoCardNumber(1);

describe(`round-trip budget of the hot paths (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  let desk: Client;
  let portal: Client;
  let memberId: number;
  beforeAll(async () => {
    bed = await startSip2TestBed();
    await addItems(bed.t.db, GN, [
      { barcode: 'RT-1', title: '왕복 1' },
      { barcode: 'RT-2', title: '왕복 2' },
      { barcode: 'RT-3', title: '왕복 3' },
    ]);
    desk = await staffClient(bed.t.app, 'gyeongnamdaepyo-desk');
    portal = await memberClient(bed.t.app, CARD);
    // Warm: the first request of a kind prepares its statements on its connection.
    const lent = await desk.post('/api/v1/checkouts', { cardNumber: CARD, itemBarcode: 'RT-3' });
    memberId = lent.json().memberId;
    await desk.post('/api/v1/renewals', { itemBarcode: 'RT-3' });
    await desk.post('/api/v1/returns', { itemBarcode: 'RT-3' });
  });
  afterAll(async () => bed?.close());

  async function traffic<T>(work: () => Promise<T>) {
    const before = { ...databaseTraffic };
    const result = await work();
    return {
      result,
      spent: {
        roundTrips: databaseTraffic.roundTrips - before.roundTrips,
        transactions: databaseTraffic.transactions - before.transactions,
      },
    };
  }

  let key = 0;
  const keyed = () => ({ 'idempotency-key': `round-trips-${++key}` });

  it('keeps every hot path within its budget of round trips and transactions', async () => {
    const spent = {} as Record<Path, { roundTrips: number; transactions: number }>;
    const http = async (
      path: Path,
      status: number,
      send: () => Promise<{ statusCode: number; body: string }>,
    ) => {
      const { result, spent: s } = await traffic(send);
      expect(result.statusCode, `${path}: ${result.body}`).toBe(status);
      spent[path] = s;
      return JSON.parse(result.body);
    };
    // The scan, the checkout and the renewal carry the member's status: the desk needs no look
    // after them, and each of those looks is audited as a separate look was.
    const looks = async () =>
      Number(
        (
          await bed.t.db
            .selectFrom('audit_events')
            .where('action', '=', 'member.status_viewed')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const looksBefore = await looks();
    const scanned = await http('cardScan', 200, () => desk.get(`/api/v1/cards/${CARD}`));
    expect(scanned.status.network.open).toBe(0);
    const lent = await http('checkout', 201, () =>
      desk.post('/api/v1/checkouts', { cardNumber: CARD, itemBarcode: 'RT-1' }, keyed()),
    );
    expect(lent.status.openLoans.map((l: { itemBarcode: string }) => l.itemBarcode)).toEqual([
      'RT-1',
    ]);
    await http('deskStatus', 200, () => desk.get(`/api/v1/members/${memberId}/loans`));
    const renewed = await http('renewal', 200, () =>
      desk.post('/api/v1/renewals', { itemBarcode: 'RT-1' }, keyed()),
    );
    expect(renewed.status.openLoans[0].renewals).toBe(1);
    // The scan, the checkout, the desk status look, the renewal.
    expect(await looks()).toBe(looksBefore + 4);
    await http('portalLoans', 200, () => portal.get('/api/v1/me/loans'));
    await http('return', 200, () => desk.post('/api/v1/returns', { itemBarcode: 'RT-1' }, keyed()));

    const machine = await bed.terminal(GN);
    const lend = (item: string) =>
      machine.checkout({
        patronIdentifier: CARD,
        itemIdentifier: item,
        patronPassword: DEMO_MEMBER_PIN,
      });
    const first = await traffic(() => lend('RT-1'));
    expect(first.result.ok).toBe(true);
    spent.sip2CheckoutFirstWithPin = first.spent;
    const next = await traffic(() => lend('RT-2'));
    expect(next.result.ok).toBe(true);
    spent.sip2CheckoutWithPinInSession = next.spent;
    for (const item of ['RT-1', 'RT-2']) {
      await machine.checkin({ itemIdentifier: item, currentLocation: GN });
    }

    const over = (Object.keys(BUDGETS) as Path[]).filter(
      (path) =>
        spent[path].roundTrips > BUDGETS[path].roundTrips ||
        spent[path].transactions > BUDGETS[path].transactions,
    );
    expect(over, JSON.stringify(spent)).toEqual([]);
  });

  it('scans a card at a library that does not hold the member within its budget (one more: the count of such look-ups), auditing the limited view by pseudonym', async () => {
    const elsewhere = await staffClient(bed.t.app, 'tongyeong-city-desk');
    const pseudonym = (
      await bed.t.db
        .selectFrom('members')
        .select('audit_pseudonym')
        .where('id', '=', memberId)
        .executeTakeFirstOrThrow()
    ).audit_pseudonym;
    const eventsOf = () =>
      bed.t.db
        .selectFrom('audit_events')
        .select(['action', 'details', 'member_pseudonym'])
        .where('library_id', '=', (eb) =>
          eb.selectFrom('libraries').select('id').where('code', '=', 'tongyeong-city-library'),
        )
        .where('action', 'like', 'member.%')
        .orderBy('id')
        .execute();
    const before = (await eventsOf()).length;
    await elsewhere.get(`/api/v1/cards/${CARD}`); // warm: prepares the scan on its connection
    const { result, spent } = await traffic(() => elsewhere.get(`/api/v1/cards/${CARD}`));
    expect(result.json().member.visibility).toBe('limited');
    expect(result.json().status).toBeUndefined();
    expect(spent.roundTrips).toBeLessThanOrEqual(CARD_SCAN_ELSEWHERE_ROUND_TRIPS);
    expect(spent.transactions).toBe(0);
    const events = (await eventsOf()).slice(before);
    // One look each, the limited view only: no status look where the library does not hold them.
    expect(events).toEqual([
      { action: 'member.viewed', details: { visibility: 'limited' }, member_pseudonym: pseudonym },
      { action: 'member.viewed', details: { visibility: 'limited' }, member_pseudonym: pseudonym },
    ]);
    // An unknown card: refused, and no one was looked at.
    const unknown = await elsewhere.get(`/api/v1/cards/${demoCardNumber(99)}`);
    expect(unknown.json().code).toBe('CARD_UNKNOWN');
    expect((await eventsOf()).length).toBe(before + 2);
  });

  it('reads the cards that machines present at once with one statement, each as its own', async () => {
    const cards = [demoCardNumber(1), demoCardNumber(2), demoCardNumber(3)];
    const present = (card: string) => findCard(bed.t.db, card);
    await present(cards[0]!); // warm: prepares the read on its connection
    const { result, spent } = await traffic(() => Promise.all([...cards, ...cards].map(present)));
    expect(spent.roundTrips).toBe(1);
    expect(result.map((found) => found.card.number)).toEqual([...cards, ...cards]);
    expect(new Set(result.map((found) => found.member.id)).size).toBe(3);
    // An unknown card among them is refused; the others are answered as before.
    const answers = await Promise.allSettled([...cards, demoCardNumber(99)].map(present));
    expect(answers.map((answer) => answer.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
    ]);
    expect((answers[3] as PromiseRejectedResult).reason.message).toBe('CARD_UNKNOWN');
  });

  it('keeps a hold within its budget: placed at the desk, set aside by a return, collected', async () => {
    // Minjun (CARD) borrows; Seoyeon, checked in here, holds the title while it is out.
    const holder = demoCardNumber(2);
    await checkInDirectly(
      bed.t.db,
      { cardNumber: holder },
      await bed.libraryId(GN),
      bed.t.clock.now(),
    );
    await addItems(bed.t.db, GN, [{ barcode: 'RT-H', title: '왕복 예약' }]);
    const lent = await desk.post('/api/v1/checkouts', { cardNumber: CARD, itemBarcode: 'RT-H' });
    expect(lent.statusCode, lent.body).toBe(201);

    const placed = await traffic(() =>
      desk.post('/api/v1/holds', { cardNumber: holder, itemBarcode: 'RT-H' }, keyed()),
    );
    expect(placed.result.statusCode, placed.result.body).toBe(201);
    const setAside = await traffic(() =>
      desk.post('/api/v1/returns', { itemBarcode: 'RT-H' }, keyed()),
    );
    expect(setAside.result.json().heldFor).toBeTruthy();
    const collected = await traffic(() =>
      desk.post('/api/v1/checkouts', { cardNumber: holder, itemBarcode: 'RT-H' }, keyed()),
    );
    expect(collected.result.statusCode, collected.result.body).toBe(201);
    // The collection of the copy set aside is an ordinary checkout, within the checkout's budget.
    const HOLD_BUDGETS = {
      placeHold: { roundTrips: HOLD_PLACE_ROUND_TRIPS, transactions: HOLD_PLACE_TRANSACTIONS },
      returnSetAside: { roundTrips: HOLD_TRAP_ROUND_TRIPS, transactions: HOLD_TRAP_TRANSACTIONS },
      collect: { roundTrips: BUDGETS.checkout.roundTrips, transactions: 0 },
    };
    const spent = {
      placeHold: placed.spent,
      returnSetAside: setAside.spent,
      collect: collected.spent,
    };
    const over = (Object.keys(HOLD_BUDGETS) as (keyof typeof HOLD_BUDGETS)[]).filter(
      (path) =>
        spent[path].roundTrips > HOLD_BUDGETS[path].roundTrips ||
        spent[path].transactions > HOLD_BUDGETS[path].transactions,
    );
    expect(over, JSON.stringify(spent)).toEqual([]);
  });

  // Last: it moves the clock weeks on.
  it('keeps a late return within its budget, its answer kept by its commit', async () => {
    await addItems(bed.t.db, GN, [{ barcode: 'RT-L', title: '왕복 연체' }]);
    const lent = await desk.post('/api/v1/checkouts', { cardNumber: CARD, itemBarcode: 'RT-L' });
    expect(lent.statusCode, lent.body).toBe(201);
    bed.t.clock.advanceDays(30);
    const weeksLater = await staffClient(bed.t.app, 'gyeongnamdaepyo-desk');
    const late = await traffic(() =>
      weeksLater.post('/api/v1/returns', { itemBarcode: 'RT-L' }, keyed()),
    );
    expect(late.result.statusCode, late.result.body).toBe(200);
    expect(late.result.json().suspension).toBeTruthy();
    const within =
      late.spent.roundTrips <= LATE_RETURN_ROUND_TRIPS &&
      late.spent.transactions <= LATE_RETURN_TRANSACTIONS;
    expect(within, JSON.stringify(late.spent)).toBe(true);
  });
});
