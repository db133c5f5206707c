import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CommitGuard,
  keyInTransaction,
  noteAnswer,
  runWithCommitGuard,
} from '../../src/platform/db/commit-guard.js';
import { applyGuard, IDEMPOTENCY_LEASE_MS } from '../../src/platform/http/idempotency.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { libraryIdOf, shelve, walkIn } from '../support/circulation.js';
import { insertCopies } from '../support/copies.js';
import { testDatabaseKind } from '../support/database.js';
import { Client, memberClient, staffClient } from '../support/http.js';
import { recordOfCopy } from '../support/requests.js';

const GN = 'gyeongnamdaepyo-library';

/**
 * A retried request is applied once even when the service dies mid-way: the key is marked
 * applied in the same transaction as the effect, and a retry reads that mark.
 */
describe(`idempotency across crashes and outages (${testDatabaseKind})`, () => {
  let t: TestApp;
  let desk: Client;
  let deskId: number;
  let card: string;
  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
    desk = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    deskId = (await desk.get('/api/v1/staff/me')).json().id;
    card = (await walkIn(desk)).card;
    await shelve(
      t,
      GN,
      Array.from({ length: 10 }, (_, i) => ({ barcode: `IDEM-${i}` })),
    );
  });
  afterAll(async () => t?.close());

  const loansOf = async (barcode: string) =>
    (
      await t.db
        .selectFrom('loans')
        .innerJoin('items', 'items.id', 'loans.item_id')
        .select('loans.id')
        .where('items.barcode', '=', barcode)
        .execute()
    ).length;

  const row = (key: string) =>
    t.db
      .selectFrom('idempotent_requests')
      .selectAll()
      .where('scope', '=', `staff:${deskId}`)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();

  /** Lends a copy to a member registered for it (not `card`'s, whose loans the tests count). */
  const lendToNewMember = async (barcode: string, at: Client = desk) => {
    const borrower = (await walkIn(at)).card;
    const lent = await at.post('/api/v1/checkouts', {
      cardNumber: borrower,
      itemBarcode: barcode,
    });
    expect(lent.statusCode, lent.body).toBe(201);
    return lent.json().loan.id as number;
  };

  const lend = (barcode: string, key: string) =>
    desk.post(
      '/api/v1/checkouts',
      { cardNumber: card, itemBarcode: barcode },
      {
        'idempotency-key': key,
      },
    );

  const loseAnswers = async () => {
    // The answer cannot be stored after the effect committed (as when the process dies right
    // after its commit): an answer written over a key already marked applied fails.
    await sql`create function lo_test_lose_answer() returns trigger language plpgsql as $$
      begin raise exception 'answer lost'; end $$`.execute(t.db);
    await sql`create trigger lo_test_lose_answer before update on idempotent_requests
      for each row when (new.status_code <> 0 and (old.response->>'applied')::boolean is true)
      execute function lo_test_lose_answer()`.execute(t.db);
    return async () => {
      await sql`drop trigger lo_test_lose_answer on idempotent_requests`.execute(t.db);
      await sql`drop function lo_test_lose_answer()`.execute(t.db);
    };
  };

  /** Sends once with its answer lost (the service died after the effect), then sends again. */
  const lostThenRetried = async (send: () => ReturnType<Client['post']>) => {
    const restore = await loseAnswers();
    const first = await send();
    await restore();
    return { first, retry: await send() };
  };

  /** The retry learned the write was applied, and which row it made or changed. */
  const expectApplied = (retry: Awaited<ReturnType<Client['post']>>, id: number) => {
    expect(retry.statusCode).toBe(409);
    expect(retry.json().reasons[0].params).toMatchObject({ state: 'applied', id });
  };

  it('keeps the answer with the key in the statement of the effect', async () => {
    const restore = await loseAnswers();
    const first = await lend('IDEM-4', 'kept-answer');
    await restore();
    // Nothing is stored after the effect: the loan, its key and its answer committed together,
    // so a retry — even after the process died right after the commit — gets the answer itself.
    expect(first.statusCode, first.body).toBe(201);
    const stored = await row('kept-answer');
    expect(stored.status_code).toBe(201);
    const retry = await lend('IDEM-4', 'kept-answer');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toBe(first.body);
    expect(await loansOf('IDEM-4')).toBe(1);
  });

  it('marks the key applied in the transaction of the effect', async () => {
    // A key left in progress, not applied, by a process that is gone: this request takes it over
    // in the transaction of its effect, whose answer is then stored after the commit …
    const body = { cardNumber: card, itemBarcode: 'IDEM-0' };
    const hash = createHash('sha256')
      .update(`POST /api/v1/checkouts\n${JSON.stringify(body)}`)
      .digest('hex');
    await t.db
      .insertInto('idempotent_requests')
      .values({
        scope: `staff:${deskId}`,
        key: 'lost-answer',
        request_hash: hash,
        status_code: 0,
        response: JSON.stringify({ owner: 'goneprocess.0001', applied: false }),
        created_at: new Date(t.clock.now().getTime() - IDEMPOTENCY_LEASE_MS - 1_000),
      })
      .execute();
    // … which cannot be stored (as when the process dies right after the commit).
    const restore = await loseAnswers();
    const first = await lend('IDEM-0', 'lost-answer');
    await restore();
    // … the client still got its answer, and the database knows the effect is in.
    expect(first.statusCode, first.body).toBe(201);
    const loanId = first.json().loan.id;
    const stored = await row('lost-answer');
    expect(stored.status_code).toBe(0);
    expect(stored.response).toMatchObject({ applied: true, effect: loanId });

    // A retry is not applied again: it learns the request was applied and which loan it made,
    // and so does the next.
    expectApplied(await lend('IDEM-0', 'lost-answer'), loanId);
    const again = await lend('IDEM-0', 'lost-answer');
    expectApplied(again, loanId);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await loansOf('IDEM-0')).toBe(1);
  });

  /** The retry got the first answer itself, kept with the key by the commit of the effect. */
  const expectReplayed = (
    retry: Awaited<ReturnType<Client['post']>>,
    first: Awaited<ReturnType<Client['post']>>,
  ) => {
    expect(retry.statusCode).toBe(first.statusCode);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toBe(first.body);
  };

  it('names the hold a placement made, and answers a cancellation from its own commit, when their answers were lost', async () => {
    // Every copy of the title is out (lent to a member of its own), so another member may hold it.
    await lendToNewMember('IDEM-5');
    const holder = (await walkIn(desk)).card;
    const place = () =>
      desk.post(
        '/api/v1/holds',
        { cardNumber: holder, itemBarcode: 'IDEM-5' },
        { 'idempotency-key': 'lost-hold' },
      );
    const { first: placed, retry } = await lostThenRetried(place);
    expect(placed.statusCode, placed.body).toBe(201);
    const holdId = placed.json().id;
    // The placement's statement recorded the key with the hold it inserted (the fast path); its
    // answer, read after it, was lost: the retry is told which hold it made.
    expectApplied(retry, holdId);

    // A cancellation claims its key first; its transaction reads the hold as cancelled and its
    // commit keeps that answer with the key: nothing is left to lose after it.
    const cancel = () =>
      desk.post(`/api/v1/holds/${holdId}/cancellation`, {}, { 'idempotency-key': 'lost-cancel' });
    const { first: cancelled, retry: again } = await lostThenRetried(cancel);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ id: holdId, state: 'cancelled' });
    expectReplayed(again, cancelled);
  });

  it('answers a registration, a verification and a check-in from their own commits when their answers were lost', async () => {
    const memberCount = async () =>
      Number(
        (
          await t.db
            .selectFrom('members')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const membersBefore = await memberCount();
    const register = () =>
      desk.post(
        '/api/v1/members',
        {
          name: '응답분실',
          birthDate: '1979-09-09',
          phone: '010-7000-0901',
          idDocumentType: 'resident_registration_card',
          consent: true,
        },
        { 'idempotency-key': 'lost-registration' },
      );
    const { first: registered, retry } = await lostThenRetried(register);
    expect(registered.statusCode, registered.body).toBe(201);
    // The retry is told the new member's card number, not only that a member was made.
    expect(registered.json().card.number).toMatch(/^\d+$/);
    expectReplayed(retry, registered);
    expect(await memberCount()).toBe(membersBefore + 1);

    // Checked in at another library: the retry gets the check-in's answer.
    const yonam = await staffClient(t.app, 'jinju-yonam-desk');
    const memberId = registered.json().id;
    const checkIn = () =>
      yonam.post(
        `/api/v1/members/${memberId}/check-ins`,
        { idDocumentType: 'passport', cardNumber: registered.json().card.number },
        { 'idempotency-key': 'lost-check-in' },
      );
    const { first: checkedIn, retry: checkInRetry } = await lostThenRetried(checkIn);
    expect(checkedIn.statusCode, checkedIn.body).toBe(200);
    expect(checkedIn.json()).toMatchObject({ memberId, alreadyCheckedIn: false });
    expectReplayed(checkInRetry, checkedIn);

    // A pre-registered member verified at the desk: the retry gets the card issued.
    const home = (await desk.get('/api/v1/staff/me')).json().libraryId;
    const pending = await new Client(t.app).post('/api/v1/members/pre-registrations', {
      name: '확인분실',
      birthDate: '1982-02-02',
      phone: '010-7000-0902',
      password: 'correct horse battery',
      consent: true,
      homeLibraryId: home,
    });
    expect(pending.statusCode, pending.body).toBe(201);
    const verify = () =>
      desk.post(
        `/api/v1/members/${pending.json().id}/verification`,
        { idDocumentType: 'passport' },
        { 'idempotency-key': 'lost-verification' },
      );
    const { first: verified, retry: verifyRetry } = await lostThenRetried(verify);
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ status: 'active' });
    expectReplayed(verifyRetry, verified);
  });

  it('runs a retry whose first attempt failed before committing, once', async () => {
    // The effect fails as on a lost connection, and the key cannot be released either.
    await sql`create function lo_test_fail() returns trigger language plpgsql as $$
      begin raise exception 'connection lost' using errcode = '57P01'; end $$`.execute(t.db);
    await sql`create trigger lo_test_fail before insert on loans
      for each row execute function lo_test_fail()`.execute(t.db);
    await sql`create trigger lo_test_keep before delete on idempotent_requests
      for each row execute function lo_test_fail()`.execute(t.db);
    const failed = await lend('IDEM-1', 'failed-first');
    expect(failed.statusCode).toBe(503);
    expect(failed.headers['retry-after']).toBeDefined();
    await sql`drop trigger lo_test_fail on loans`.execute(t.db);
    await sql`drop trigger lo_test_keep on idempotent_requests`.execute(t.db);
    await sql`drop function lo_test_fail()`.execute(t.db);
    // The key was to be recorded in the failed transaction (a checkout records it there, with no
    // round trip before): nothing of it is left, so the retry runs.
    const left = await t.db
      .selectFrom('idempotent_requests')
      .select('key')
      .where('scope', '=', `staff:${deskId}`)
      .where('key', '=', 'failed-first')
      .executeTakeFirst();
    expect(left).toBeUndefined();

    const retry = await lend('IDEM-1', 'failed-first');
    expect(retry.statusCode, retry.body).toBe(201);
    const replay = await lend('IDEM-1', 'failed-first');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().loan.id).toBe(retry.json().loan.id);
    expect(await loansOf('IDEM-1')).toBe(1);
  });

  it("waits out another process's lease, then takes the key over and fences the old owner", async () => {
    const body = { cardNumber: card, itemBarcode: 'IDEM-2' };
    const hash = createHash('sha256')
      .update(`POST /api/v1/checkouts\n${JSON.stringify(body)}`)
      .digest('hex');
    const otherOwner = 'otherprocess.0001';
    await t.db
      .insertInto('idempotent_requests')
      .values({
        scope: `staff:${deskId}`,
        key: 'other-process',
        request_hash: hash,
        status_code: 0,
        response: JSON.stringify({ owner: otherOwner, applied: false }),
        created_at: t.clock.now(),
      })
      .execute();
    const busy = await lend('IDEM-2', 'other-process');
    expect(busy.statusCode).toBe(409);
    expect(busy.json().reasons[0].params).toMatchObject({ state: 'in-progress' });

    t.clock.advanceMinutes(IDEMPOTENCY_LEASE_MS / 60_000 + 0.1);
    const takenOver = await lend('IDEM-2', 'other-process');
    expect(takenOver.statusCode, takenOver.body).toBe(201);

    // The old owner, were it still running, could no longer commit anything under that key.
    const late = runWithCommitGuard(
      applyGuard(`staff:${deskId}`, 'other-process', otherOwner),
      () =>
        t.db.transaction().execute(async (tx) => {
          await tx
            .updateTable('items')
            .set({ call_number: 'should not stick' })
            .where('barcode', '=', 'IDEM-2')
            .execute();
        }),
    );
    await expect(late).rejects.toMatchObject({ reasons: [{ code: 'CONFLICT' }] });
    const item = await t.db
      .selectFrom('items')
      .select('call_number')
      .where('barcode', '=', 'IDEM-2')
      .executeTakeFirstOrThrow();
    expect(item.call_number).not.toBe('should not stick');
    expect(await loansOf('IDEM-2')).toBe(1);
  });

  it('applies one of many identical requests sent at once', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => lend('IDEM-3', 'stampede')));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(201);
    for (const answer of answers.filter((a) => a.statusCode === 409)) {
      expect(answer.json().reasons[0].params.state).toBe('in-progress');
    }
    expect(await loansOf('IDEM-3')).toBe(1);
    const after = await lend('IDEM-3', 'stampede');
    expect(after.statusCode).toBe(201);
    expect(after.headers['idempotent-replayed']).toBe('true');
  });

  it('answers an inter-library request and its scans from their own commits when their answers were lost', async () => {
    const pickup = await libraryIdOf(t, 'jinju-yonam-library');
    const lender = await libraryIdOf(t, 'jinju-seobu-library');
    await insertCopies(t.db, lender, [
      { barcode: 'IDEM-R1', title: '응답분실 상호대차', author: '작가' },
    ]);
    const pickupDesk = await staffClient(t.app, 'jinju-yonam-desk');
    const lenderDesk = await staffClient(t.app, 'jinju-seobu-desk');
    const requester = await walkIn(pickupDesk);
    const portal = await memberClient(t.app, requester.card, 'member password');
    const recordId = await recordOfCopy(t.db, 'IDEM-R1');
    const { first: placed, retry } = await lostThenRetried(() =>
      portal.post(
        '/api/v1/me/requests',
        { recordId, pickupLibraryId: pickup },
        { 'idempotency-key': 'lost-request' },
      ),
    );
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json()).toMatchObject({ status: 'requested', itemBarcode: 'IDEM-R1' });
    expectReplayed(retry, placed);

    const scan = (client: Client, path: string, key: string) => () =>
      client.post(path, { itemBarcode: 'IDEM-R1' }, { 'idempotency-key': key });
    const sent = await lostThenRetried(scan(lenderDesk, '/api/v1/requests/sent', 'lost-sent'));
    expect(sent.first.statusCode, sent.first.body).toBe(200);
    expect(sent.first.json()).toMatchObject({ request: { state: 'sent' } });
    expectReplayed(sent.retry, sent.first);
    const received = await lostThenRetried(
      scan(pickupDesk, '/api/v1/requests/received', 'lost-received'),
    );
    expect(received.first.statusCode, received.first.body).toBe(200);
    expect(received.first.json()).toMatchObject({ request: { state: 'arrived' } });
    expectReplayed(received.retry, received.first);
  });

  it('keeps an answer noted in a transaction with its key, and forgets one whose transaction rolled back', async () => {
    const scope = `staff:${deskId}`;
    const claim = (key: string, owner: string) =>
      t.db
        .insertInto('idempotent_requests')
        .values({
          scope,
          key,
          request_hash: 'h',
          status_code: 0,
          response: JSON.stringify({ owner, applied: false }),
          created_at: t.clock.now(),
        })
        .execute();
    const answer = (text: string) => ({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ text }),
    });
    const kept: string[] = [];
    await claim('noted', 'thisprocess.0001');
    const guard = applyGuard(scope, 'noted', 'thisprocess.0001', (a) => kept.push(a.body));
    await runWithCommitGuard(guard, async () => {
      // The first transaction noted an answer and then failed: that answer was never given.
      await expect(
        t.db.transaction().execute(async () => {
          noteAnswer(answer('rolled back'));
          throw new Error('refused after all');
        }),
      ).rejects.toThrow('refused after all');
      // The second noted none: the key is marked applied, not answered with the first's text.
      await t.db.transaction().execute(async () => {});
    });
    expect(kept).toEqual([]);
    expect(await row('noted')).toMatchObject({ status_code: 0, response: { applied: true } });

    await claim('noted-2', 'thisprocess.0002');
    const second = applyGuard(scope, 'noted-2', 'thisprocess.0002', (a) => kept.push(a.body));
    await runWithCommitGuard(second, () =>
      t.db.transaction().execute(async () => noteAnswer(answer('the answer'))),
    );
    // Kept by the commit itself: a retry after a lost answer replays it.
    expect(kept).toEqual([JSON.stringify({ text: 'the answer' })]);
    const stored = await row('noted-2');
    expect(stored.status_code).toBe(200);
    expect(stored.response).toMatchObject({ body: JSON.stringify({ text: 'the answer' }) });
  });

  it("forgets a key kept by a statement of a transaction that rolled back: the next commit's guard records it", async () => {
    const seen: { answer: string | null; keptByStatement: boolean }[] = [];
    const guard: CommitGuard = async (_connection, answer) => {
      seen.push({ answer: answer?.body ?? null, keptByStatement: guard.keptByStatement === true });
      return false;
    };
    guard.inStatement = { record: () => sql`select 1`, isTaken: () => false, recorded: () => {} };
    const answer = { status: 200, contentType: 'application/json; charset=utf-8', body: '{"a":1}' };
    await runWithCommitGuard(guard, async () => {
      await expect(
        t.db.transaction().execute(async () => {
          keyInTransaction(answer);
          throw new Error('failed after its statement');
        }),
      ).rejects.toThrow('failed after its statement');
      await t.db.transaction().execute(async () => {});
      await t.db.transaction().execute(async () => keyInTransaction(answer));
      await t.db.transaction().execute(async () => {});
    });
    expect(seen).toEqual([
      { answer: null, keptByStatement: false },
      { answer: '{"a":1}', keptByStatement: true },
      { answer: null, keptByStatement: false },
    ]);
  });

  // Last: they move the clock weeks on.
  it("keeps the answer of a late return with its key in the return's transaction (the locked path)", async () => {
    const loanId = await lendToNewMember('IDEM-6');
    t.clock.advanceDays(40);
    const weeksLater = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    const giveBack = () =>
      weeksLater.post(
        '/api/v1/returns',
        { itemBarcode: 'IDEM-6' },
        { 'idempotency-key': 'lost-late' },
      );
    const { first: returned, retry } = await lostThenRetried(giveBack);
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().loan).toMatchObject({ id: loanId });
    expect(returned.json().loan.daysLate).toBeGreaterThan(0);
    const suspension = returned.json().suspension;
    expect(suspension.until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Nothing was left to store after the commit: the retry gets the answer itself, suspension
    // and all, and the member's suspension is the one the return set.
    expectReplayed(retry, returned);
    const member = await t.db
      .selectFrom('loans')
      .innerJoin('members', 'members.id', 'loans.member_id')
      .select(['members.suspended_until', 'loans.returned_at'])
      .where('loans.id', '=', loanId)
      .executeTakeFirstOrThrow();
    expect(member.suspended_until).toBe(suspension.until);
    expect(member.returned_at).not.toBeNull();
  });

  it('keeps the answer of a late return that took over a key left by a process that died', async () => {
    // Signed in again: the earlier test moved the clock past the desk's session.
    const loanId = await lendToNewMember(
      'IDEM-7',
      await staffClient(t.app, 'gyeongnamdaepyo-desk'),
    );
    t.clock.advanceDays(40);
    const weeksLater = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    const scope = `staff:${(await weeksLater.get('/api/v1/staff/me')).json().id}`;
    const body = { itemBarcode: 'IDEM-7' };
    await t.db
      .insertInto('idempotent_requests')
      .values({
        scope,
        key: 'late-taken-over',
        request_hash: createHash('sha256')
          .update(`POST /api/v1/returns\n${JSON.stringify(body)}`)
          .digest('hex'),
        status_code: 0,
        response: JSON.stringify({ owner: 'goneprocess.0002', applied: false }),
        created_at: new Date(t.clock.now().getTime() - IDEMPOTENCY_LEASE_MS - 1_000),
      })
      .execute();
    const giveBack = () =>
      weeksLater.post('/api/v1/returns', body, { 'idempotency-key': 'late-taken-over' });
    const { first: returned, retry } = await lostThenRetried(giveBack);
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().loan).toMatchObject({ id: loanId });
    expectReplayed(retry, returned);
  });
});
