import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../src/app.js';
import { createAppContext } from '../../src/app-context.js';
import { ManualClock } from '../../src/platform/clock.js';
import { addDays, compareDates, daysBetween } from '../../src/platform/dates.js';
import type { App } from '../../src/platform/http/server.js';
import { createLogger } from '../../src/platform/logger.js';
import { seedDemoData } from '../../src/seed/demo.js';
import { demoCardNumber } from '../../src/seed/demo-accounts.js';
import { DEMO_HISTORY_DAYS } from '../../src/seed/demo-circulation.js';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../support/database.js';
import { memberClient, staffClient } from '../support/http.js';

/** Issue 17, point 7: the demo starts with a few months of circulation, made by the rules. */
describe(`the demo's circulation (${testDatabaseKind})`, () => {
  const TODAY = '2026-12-01';
  let testDatabase: TestDatabase;
  let app: App;
  let seeded: Awaited<ReturnType<typeof seedDemoData>>;
  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    const clock = new ManualClock(`${TODAY}T09:00:00+09:00`);
    seeded = await seedDemoData(testDatabase.database.db, clock);
    app = await buildHttpApp(
      createAppContext(testDatabase.database.db, clock, createLogger('silent')),
    );
  });
  afterAll(async () => {
    await app?.close();
    await testDatabase?.drop();
  });
  const db = () => testDatabase.database.db;

  it('shows on the dashboard: loans at several libraries, to members of other libraries, and suspensions', async () => {
    expect(seeded?.circulation).toMatchObject({ members: 60 });
    const admin = await staffClient(app, 'network-admin');
    const stats = (await admin.get(`/api/v1/statistics?from=${addDays(TODAY, -90)}`)).json();
    expect(stats.totals.loans).toBeGreaterThan(300);
    expect(stats.totals.toOtherLibraryMembers).toBeGreaterThan(0);
    expect(stats.totals.suspensionsStarted).toBeGreaterThan(0);
    expect(stats.loansPerLibrary.filter((l: { loans: number }) => l.loans > 0).length).toBe(8);
    // The default view (the last 30 days) is not empty either.
    const recent = (await admin.get('/api/v1/statistics')).json();
    expect(recent.totals.loans).toBeGreaterThan(0);
  });

  it("gives README's demo members a history, and leaves them free to borrow today", async () => {
    const seoyeon = await memberClient(app, demoCardNumber(2));
    const history = (await seoyeon.get('/api/v1/me/loan-history')).json();
    expect(history.loans.length).toBeGreaterThan(0);
    const loans = (await seoyeon.get('/api/v1/me/loans')).json();
    expect(loans.openLoans).toEqual([]);
    expect(loans.suspension).toBeNull();
    expect(loans.standing.mayBorrow).toBe(true);
    // The items README's walkthrough and the browser tests lend are on the shelf.
    const out = await db()
      .selectFrom('loans as o')
      .innerJoin('items as i', 'i.id', 'o.item_id')
      .select('i.barcode')
      .where('o.returned_at', 'is', null)
      .where('i.barcode', 'in', ['JYL0000011', 'JYL0000012', 'JYL0000013', 'JYL0000014'])
      .execute();
    expect(out).toEqual([]);
    const lent = await db()
      .selectFrom('loans as o')
      .innerJoin('items as i', 'i.id', 'o.item_id')
      .select('i.barcode')
      .distinct()
      .execute();
    expect(lent.filter((i) => Number(i.barcode.slice(-7)) <= 20)).toEqual([]);
  });

  it('suspends only after late returns, exactly as the rules say, and breaks no loan invariant', async () => {
    const loans = await db()
      .selectFrom('loans')
      .selectAll()
      .orderBy('loan_day')
      .orderBy('id')
      .execute();
    const rules = await db()
      .selectFrom('library_loan_rules')
      .select(['library_id', 'loan_limit', 'loan_period_days'])
      .execute();
    const limitOf = new Map(rules.map((r) => [r.library_id, r.loan_limit]));
    const first = addDays(TODAY, -DEMO_HISTORY_DAYS);
    const openItems = new Set<number>();
    for (const loan of loans) {
      expect(compareDates(loan.loan_day, first)).toBeGreaterThanOrEqual(0);
      expect(compareDates(loan.loan_day, TODAY)).toBeLessThan(0);
      // Due at least the loan period later (a closed day only moves it later).
      expect(daysBetween(loan.loan_day, loan.due_date)).toBeGreaterThanOrEqual(14);
      if (loan.return_day === null) {
        expect(openItems.has(loan.item_id)).toBe(false);
        openItems.add(loan.item_id);
        expect(loan.days_late).toBeNull();
      } else {
        expect(compareDates(loan.return_day, loan.loan_day)).toBeGreaterThan(0);
        expect(compareDates(loan.return_day, TODAY)).toBeLessThan(0);
        expect(loan.days_late).toBe(Math.max(0, daysBetween(loan.due_date, loan.return_day)));
      }
    }
    // Replayed day by day: no loan while suspended, overdue or over a limit; the suspension each
    // member has is the one their late returns give (network rules: longest, no cap).
    const byMember = new Map<number, typeof loans>();
    for (const loan of loans)
      byMember.set(loan.member_id!, [...(byMember.get(loan.member_id!) ?? []), loan]);
    const members = await db()
      .selectFrom('members')
      .select(['id', 'suspended_until', 'suspension_loan_id'])
      .execute();
    let suspended = 0;
    for (const member of members) {
      const own = byMember.get(member.id) ?? [];
      const events = [
        ...own.map((l) => ({ day: l.loan_day, kind: 1, loan: l })),
        ...own.filter((l) => l.return_day).map((l) => ({ day: l.return_day!, kind: 0, loan: l })),
      ].sort((a, b) => compareDates(a.day, b.day) || a.kind - b.kind);
      let until: string | null = null;
      const open = new Set<(typeof own)[number]>();
      for (const event of events) {
        if (event.kind === 0) {
          open.delete(event.loan);
          const late = event.loan.days_late ?? 0;
          if (late > 0) {
            const own = addDays(event.day, late - 1);
            until =
              until && compareDates(until, event.day) >= 0 && compareDates(until, own) > 0
                ? until
                : own;
          }
          continue;
        }
        const day = event.day;
        expect(until === null || compareDates(day, until) > 0).toBe(true);
        for (const other of open) expect(compareDates(day, other.due_date)).toBeLessThanOrEqual(0);
        const here = [...open].filter((l) => l.library_id === event.loan.library_id).length;
        expect(here).toBeLessThan(limitOf.get(event.loan.library_id)!);
        expect(open.size).toBeLessThan(20);
        open.add(event.loan);
      }
      expect(member.suspended_until).toBe(until);
      if (member.suspended_until !== null) {
        suspended += 1;
        const cause = own.find((l) => l.id === member.suspension_loan_id);
        expect(cause?.days_late).toBeGreaterThan(0);
      } else {
        expect(own.every((l) => (l.days_late ?? 0) === 0)).toBe(true);
      }
    }
    expect(suspended).toBeGreaterThan(0);
    expect(loans.some((l) => l.return_day === null && compareDates(l.due_date, TODAY) < 0)).toBe(
      true,
    );
  });

  it("has holds and requests in every state a desk sees, none at README's walkthrough's libraries", async () => {
    const jangpyeong = await staffClient(app, 'geoje-jangpyeong-desk');
    // A copy set aside yesterday for the first of two in line, on the hold shelf today.
    const shelf = (await jangpyeong.get('/api/v1/hold-shelf')).json();
    expect(shelf.holds).toHaveLength(1);
    const line = await db()
      .selectFrom('holds')
      .select(['state'])
      .where('record_id', '=', shelf.holds[0].recordId)
      .where('library_id', '=', shelf.holds[0].library.id)
      .orderBy('placed_at')
      .orderBy('id')
      .execute();
    expect(line.map((h) => h.state).sort()).toEqual(['ready', 'waiting']);
    // Requests on their way in and waiting for their members; one still on its lender's pull list.
    const list = async (name: string) =>
      (await jangpyeong.get(`/api/v1/requests/lists/${name}`)).json().requests;
    expect(await list('incoming')).toHaveLength(1);
    expect(await list('ready')).toHaveLength(1);
    const toSend = await db()
      .selectFrom('inter_library_requests as q')
      .innerJoin('libraries as l', 'l.id', 'q.lending_library_id')
      .select(['l.code', 'q.id'])
      .where('q.state', '=', 'requested')
      .execute();
    expect(toSend.length).toBeGreaterThan(0);
    const lender = await staffClient(app, `${toSend[0]!.code.replace(/-library$/, '')}-desk`);
    const pull = (await lender.get('/api/v1/requests/lists/pull')).json().requests;
    expect(pull.map((r: { id: number }) => r.id)).toContain(toSend[0]!.id);

    // Only generated members, only copies beyond every library's reserved shelf, and none at
    // the libraries README's walkthrough and the browser tests lend from.
    const holds = await db()
      .selectFrom('holds as h')
      .innerJoin('libraries as l', 'l.id', 'h.library_id')
      .leftJoin('items as i', 'i.id', 'h.item_id')
      .select(['h.member_id', 'l.code', 'i.barcode'])
      .execute();
    const requests = await db()
      .selectFrom('inter_library_requests as q')
      .innerJoin('libraries as l', 'l.id', 'q.lending_library_id')
      .innerJoin('items as i', 'i.id', 'q.item_id')
      .select(['q.member_id', 'l.code', 'i.barcode'])
      .execute();
    const touched = [...holds, ...requests];
    expect(touched.length).toBeGreaterThan(8);
    const readmeMembers = await db()
      .selectFrom('cards')
      .select('member_id')
      .where('number', '<', demoCardNumber(101))
      .execute();
    const walkthrough = [
      'jinju-yonam-library',
      'gyeongnamdaepyo-library',
      'tongyeong-city-library',
    ];
    for (const row of touched) {
      expect(readmeMembers.map((m) => m.member_id)).not.toContain(row.member_id);
      expect(walkthrough).not.toContain(row.code);
      if (row.barcode) expect(Number(row.barcode.slice(-7))).toBeGreaterThan(20);
    }
    const admin = await staffClient(app, 'network-admin');
    const stats = (await admin.get(`/api/v1/statistics?from=${addDays(TODAY, -1)}`)).json();
    expect(stats.requests).toMatchObject({ placed: 6, sent: 4 });
  });

  it('is the same on every start at the same date (seeded), and only in an empty database', async () => {
    const again = await createTestDatabase();
    try {
      const clock = new ManualClock(`${TODAY}T09:00:00+09:00`);
      const second = await seedDemoData(again.database.db, clock);
      expect(second?.circulation).toEqual(seeded?.circulation);
      const fingerprint = (d: typeof again.database.db) =>
        d
          .selectFrom('loans')
          .select(['item_id', 'loan_day', 'due_date', 'return_day', 'days_late'])
          .orderBy('id')
          .execute();
      expect(await fingerprint(again.database.db)).toEqual(await fingerprint(db()));
      expect(await seedDemoData(again.database.db, clock)).toBeUndefined();
    } finally {
      await again.drop();
    }
  });
});
