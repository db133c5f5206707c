import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEMBER_PIN, demoCardNumber } from '../../src/seed/demo-accounts.js';
import { addItems, GN, type Sip2TestBed, startSip2TestBed } from '../sip2/support.js';
import { checkInDirectly } from '../support/check-ins.js';
import { testDatabaseKind } from '../support/database.js';
import { type Client, memberClient, staffClient } from '../support/http.js';

/**
 * A prepared statement runs on its generic plan — one plan for any values of its parameters —
 * unless that plan looks costlier than planning every call anew. A generic plan that cannot use an
 * index (a partial index whose condition came as parameters, say) reads a whole table, so at
 * network scale the server plans the statement again at every call: the desk's card scan spent
 * about 4 ms planning for 0.8 ms of work at province scale. On a test's few rows either plan is
 * cheap and nothing shows, so this test asks the question directly: the hot paths run once each
 * on one connection, then every statement they prepared is planned generically with sequential
 * scans disabled. A table of the network's size still read whole has no index its plan can use.
 */
const SMALL_TABLES = new Set([
  // The directory and its rules: one row per library (2,704 at national scale) or fewer, and the
  // network's public holidays. A library's own closed days grow with the years: not here.
  'libraries',
  'library_loan_rules',
  'network_rules',
  'network_holidays',
  'check_in_groups',
]);

const CARD = demoCardNumber(1);
const HOLDER = demoCardNumber(2);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function sequentialScans(node: PlanNode, found: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) found.push(node['Relation Name']);
  for (const child of node.Plans ?? []) sequentialScans(child, found);
  return found;
}

describe(`the hot paths' prepared statements on their generic plans (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  let desk: Client;
  let portal: Client;
  beforeAll(async () => {
    // One connection: the statements it prepared are the ones pg_prepared_statements lists.
    bed = await startSip2TestBed({ poolSize: 1 });
    await addItems(bed.t.db, GN, [
      { barcode: 'GP-1', title: '계획 1' },
      { barcode: 'GP-2', title: '계획 2' },
      { barcode: 'GP-H', title: '계획 예약' },
    ]);
    await checkInDirectly(
      bed.t.db,
      { cardNumber: HOLDER },
      await bed.libraryId(GN),
      bed.t.clock.now(),
    );
    desk = await staffClient(bed.t.app, 'gyeongnamdaepyo-desk');
    portal = await memberClient(bed.t.app, CARD);
  });
  afterAll(async () => bed?.close());

  let key = 0;
  const keyed = () => ({ 'idempotency-key': `generic-plans-${++key}` });

  async function deskDay() {
    const ok = (response: { statusCode: number; body: string }, status: number) =>
      expect(response.statusCode, response.body).toBe(status);
    ok(await desk.get(`/api/v1/cards/${CARD}`), 200);
    const elsewhere = await staffClient(bed.t.app, 'tongyeong-city-desk');
    ok(await elsewhere.get(`/api/v1/cards/${CARD}`), 200);
    const lent = await desk.post(
      '/api/v1/checkouts',
      { cardNumber: CARD, itemBarcode: 'GP-1' },
      keyed(),
    );
    ok(lent, 201);
    ok(await desk.get(`/api/v1/members/${lent.json().memberId}/loans`), 200);
    ok(await desk.post('/api/v1/renewals', { itemBarcode: 'GP-1' }, keyed()), 200);
    ok(await portal.get('/api/v1/me/loans'), 200);
    // The catalogue as a signed-in member and as the desk see it (its holdings are prepared).
    for (const client of [portal, desk]) {
      const found = await client.get(`/api/v1/catalogue?q=${encodeURIComponent('계획')}`);
      ok(found, 200);
      expect(found.json().titles.length).toBeGreaterThan(0);
    }
    ok(await desk.post('/api/v1/returns', { itemBarcode: 'GP-1' }, keyed()), 200);
    // A hold placed while the copy is out, set aside by its return, collected.
    ok(
      await desk.post('/api/v1/checkouts', { cardNumber: CARD, itemBarcode: 'GP-H' }, keyed()),
      201,
    );
    ok(await desk.post('/api/v1/holds', { cardNumber: HOLDER, itemBarcode: 'GP-H' }, keyed()), 201);
    const setAside = await desk.post('/api/v1/returns', { itemBarcode: 'GP-H' }, keyed());
    expect(setAside.json().heldFor).toBeTruthy();
    ok(
      await desk.post('/api/v1/checkouts', { cardNumber: HOLDER, itemBarcode: 'GP-H' }, keyed()),
      201,
    );
    ok(await desk.post('/api/v1/returns', { itemBarcode: 'GP-H' }, keyed()), 200);
    // A self-check machine: the patron's status and information, checkout with the PIN twice in
    // one patron session, a renewal, the copy's information, the session ended, the returns.
    const machine = await bed.terminal(GN);
    const patron = { patronIdentifier: CARD, patronPassword: DEMO_MEMBER_PIN };
    expect((await machine.patronStatus(patron)).validPatronPassword).toBe(true);
    expect((await machine.patronInformation({ summary: 'hold', ...patron })).validPatron).toBe(
      true,
    );
    for (const item of ['GP-1', 'GP-2']) {
      const lend = await machine.checkout({
        patronIdentifier: CARD,
        itemIdentifier: item,
        patronPassword: DEMO_MEMBER_PIN,
      });
      expect(lend.ok).toBe(true);
    }
    expect((await machine.renew({ ...patron, itemIdentifier: 'GP-1' })).ok).toBe(true);
    expect((await machine.itemInformation({ itemIdentifier: 'GP-2' })).titleIdentifier).toBe(
      '계획 2',
    );
    await machine.endSession({ patronIdentifier: CARD });
    for (const item of ['GP-1', 'GP-2']) {
      expect((await machine.checkin({ itemIdentifier: item, currentLocation: GN })).ok).toBe(true);
    }
  }

  it('reaches every table of the network by an index, whatever the values', async () => {
    await deskDay();
    const { db } = bed.t;
    const statements = (
      await sql<{
        name: string;
        statement: string;
        parameters: number;
      }>`select name, statement, cardinality(parameter_types) as parameters
         from pg_prepared_statements where from_sql = false`.execute(db)
    ).rows;
    // The hot paths prepare their statements (src/platform/db/prepared.ts); a handful at least.
    expect(statements.length).toBeGreaterThan(8);
    const wholeTableReads: string[] = [];
    await sql`set plan_cache_mode = force_generic_plan`.execute(db);
    await sql`set enable_seqscan = off`.execute(db);
    // A statement run often enough has its generic plan cached already, made with sequential
    // scans allowed (on a test's few rows they can win): plan every one again under these settings.
    await sql`discard plans`.execute(db);
    try {
      for (const { name, statement, parameters } of statements) {
        const values = Array.from({ length: parameters }, () => 'null').join(', ');
        const explained = await sql<{
          'QUERY PLAN': [{ Plan: PlanNode }];
        }>`explain (format json) ${sql.raw(
          `execute ${name}${parameters > 0 ? `(${values})` : ''}`,
        )}`.execute(db);
        const plan = explained.rows[0]!['QUERY PLAN'][0].Plan;
        const large = sequentialScans(plan).filter((table) => !SMALL_TABLES.has(table));
        if (large.length > 0) {
          wholeTableReads.push(
            `${large.join(', ')} in: ${statement.replace(/\s+/g, ' ').slice(0, 160)}`,
          );
        }
      }
    } finally {
      await sql`reset plan_cache_mode`.execute(db);
      await sql`reset enable_seqscan`.execute(db);
    }
    expect(wholeTableReads).toEqual([]);
  });
});
