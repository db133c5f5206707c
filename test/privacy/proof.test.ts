import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../src/app.js';
import { type AppContext, createAppContext } from '../../src/app-context.js';
import { seedLibraryDirectory } from '../../src/modules/libraries/seed.js';
import facts from '../../src/modules/privacy/privacy-facts.json' with { type: 'json' };
import { runRetentionJobs } from '../../src/modules/privacy/retention.js';
import {
  DEMO_TERMINAL_PASSWORD,
  seedDemoTerminals,
  terminalUsername,
} from '../../src/modules/terminals/terminals.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { App } from '../../src/platform/http/server.js';
import { createLogger } from '../../src/platform/logger.js';
import { seedDemoAccounts } from '../../src/seed/demo-accounts.js';
import { Sip2Client } from '../../src/sip2/client.js';
import { type Sip2Server, startSip2Server } from '../../src/sip2/server.js';
import { insertCopies } from '../support/copies.js';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../support/database.js';
import { memberClient, staffClient } from '../support/http.js';

const GN = 'gyeongnamdaepyo-library';
const YONAM = 'jinju-yonam-library';

/** The reader whose traces must all be gone after withdrawal. */
const READER = {
  name: '윤흔적',
  birthDate: '1983-07-19',
  phone: '010-6161-2929',
  email: 'yoon.traces@example.org',
  password: 'pw-Leave-No-Trace',
  pin: '481516',
};

const BOOKS = [
  { library: GN, barcode: 'PRIV-GN-0001', title: '아무도 모르는 독서 목록' },
  { library: GN, barcode: 'PRIV-GN-0002', title: 'Self-Checked Secrets' },
  { library: YONAM, barcode: 'PRIV-YN-0001', title: '늦게 돌려준 연암의 책' },
];

/** Every row of every table of the schema, found from the catalog, as JSON text. */
async function everyRow(context: AppContext) {
  const { rows: tables } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE'
     order by table_name`.execute(context.db);
  const rows: { table: string; text: string; value: Record<string, unknown> }[] = [];
  for (const { table_name } of tables) {
    const result = await sql<{ row: string }>`
      select row_to_json(t)::text as row from ${sql.table(table_name)} t`.execute(context.db);
    for (const r of result.rows) {
      rows.push({ table: table_name, text: r.row, value: JSON.parse(r.row) });
    }
  }
  return { tables: tables.map((t) => t.table_name), rows };
}

/** Does the value (a row, or part of one) name the member by their id? */
function namesMember(value: unknown, memberId: number): string | null {
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = namesMember(v, memberId);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return namesMember(JSON.parse(value), memberId);
    } catch {
      return null;
    }
  }
  if (value === null || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  for (const [key, v] of Object.entries(record)) {
    const k = key.toLowerCase().replaceAll('_', '');
    if ((k === 'memberid' || k === 'principalid') && String(v) === String(memberId)) return key;
    if (k.endsWith('kind') && v === 'member') {
      const idKey = `${key.slice(0, -4)}id`;
      if (String(record[idKey]) === String(memberId)) return idKey;
    }
    const nested = namesMember(v, memberId);
    if (nested) return `${key}.${nested}`;
  }
  return null;
}

describe(`nothing of a member is left after withdrawal (${testDatabaseKind})`, () => {
  const lines: string[] = [];
  let database: TestDatabase;
  let context: AppContext;
  let clock: ManualClock;
  let app: App;
  let sip2: Sip2Server;
  let memberId = 0;
  const cards: string[] = [];
  /** Strings of the member's own record that no other member shares (keys, hashes, pseudonyms). */
  const ownStrings = new Set<string>();

  async function snapshotMemberRow() {
    const { rows } = await sql<{ id: number; row: string }>`
      select id, row_to_json(m)::text as row from members m`.execute(context.db);
    const mine = rows.find((r) => Number(r.id) === memberId)!;
    const others = rows.filter((r) => Number(r.id) !== memberId).map((r) => r.row);
    for (const value of Object.values(JSON.parse(mine.row) as Record<string, unknown>)) {
      if (typeof value !== 'string' || value.length < 8) continue;
      if (/^\d{4}-\d\d-\d\d/.test(value)) continue; // a date or instant, not an identifier
      if (others.some((other) => other.includes(JSON.stringify(value)))) continue;
      ownStrings.add(value);
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database.database;
    clock = new ManualClock('2026-12-01T10:00:00+09:00');
    await seedLibraryDirectory(db, { participating: true });
    await seedDemoAccounts(db, clock);
    await seedDemoTerminals(db);
    for (const book of BOOKS) {
      const library = await db
        .selectFrom('libraries')
        .select('id')
        .where('code', '=', book.library)
        .executeTakeFirstOrThrow();
      await insertCopies(db, library.id, [book]);
    }
    const logger = createLogger('trace', { write: (line: string) => lines.push(line) });
    context = createAppContext(db, clock, logger);
    app = await buildHttpApp(context);
    sip2 = await startSip2Server(context, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await sip2?.close();
    await app?.close();
    await database?.drop();
  });

  it('registers, lends at two libraries over HTTP and SIP2, suspends, deletes, withdraws', async () => {
    const desk = await staffClient(app, 'gyeongnamdaepyo-desk');
    const registered = await desk.post('/api/v1/members', {
      ...READER,
      idDocumentType: 'resident_registration_card',
      consent: true,
    });
    expect(registered.statusCode, registered.body).toBe(201);
    memberId = registered.json().id;
    cards.push(registered.json().card.number);
    await snapshotMemberRow();

    const yonamDesk = await staffClient(app, 'jinju-yonam-desk');
    const checkedIn = await yonamDesk.post(`/api/v1/members/${memberId}/check-ins`, {
      idDocumentType: 'resident_registration_card',
      cardNumber: cards[0],
    });
    expect(checkedIn.statusCode, checkedIn.body).toBe(200);
    // A lost card and its replacement: both numbers must go.
    expect((await desk.post(`/api/v1/members/${memberId}/card/lost`)).statusCode).toBe(200);
    const reissued = await desk.post(`/api/v1/members/${memberId}/cards`, {
      idDocumentType: 'resident_registration_card',
    });
    expect(reissued.statusCode, reissued.body).toBe(201);
    const card = reissued.json().number as string;
    cards.push(card);
    expect((await desk.get(`/api/v1/cards/${card}`)).statusCode).toBe(200);

    // Loans over HTTP with idempotency keys, at two libraries.
    const lent = await desk.post(
      '/api/v1/checkouts',
      { cardNumber: card, itemBarcode: BOOKS[0]!.barcode },
      { 'idempotency-key': 'proof-checkout-gn' },
    );
    expect(lent.statusCode, lent.body).toBe(201);
    const lentYonam = await yonamDesk.post(
      '/api/v1/checkouts',
      { cardNumber: card, itemBarcode: BOOKS[2]!.barcode },
      { 'idempotency-key': 'proof-checkout-yonam' },
    );
    expect(lentYonam.statusCode, lentYonam.body).toBe(201);

    // A self-check machine lends and takes back the second book.
    const machine = await Sip2Client.connect('127.0.0.1', sip2.port, {
      institutionId: GN,
      timeoutMs: 15_000,
    });
    expect(
      (
        await machine.login({
          loginUserId: terminalUsername(GN),
          loginPassword: DEMO_TERMINAL_PASSWORD,
        })
      ).ok,
    ).toBe(true);
    const out = await machine.checkout({
      patronIdentifier: card,
      itemIdentifier: BOOKS[1]!.barcode,
      patronPassword: READER.pin,
    });
    expect(out.ok).toBe(true);

    const reader = await memberClient(app, card, READER.password);
    expect((await reader.get('/api/v1/me/loans')).statusCode).toBe(200);
    expect((await desk.get(`/api/v1/members/${memberId}/loans`)).statusCode).toBe(200);

    const returned = await desk.post(
      '/api/v1/returns',
      { itemBarcode: BOOKS[0]!.barcode },
      { 'idempotency-key': 'proof-return-gn' },
    );
    expect(returned.statusCode, returned.body).toBe(200);
    const checkedInItem = await machine.checkin({
      itemIdentifier: BOOKS[1]!.barcode,
      currentLocation: '',
    });
    expect(checkedInItem.ok).toBe(true);
    await machine.close();

    // The Yonam book comes back late: a suspension runs.
    clock.advanceDays(20);
    const yonamDesk2 = await staffClient(app, 'jinju-yonam-desk');
    const late = await yonamDesk2.post(
      '/api/v1/returns',
      { itemBarcode: BOOKS[2]!.barcode },
      { 'idempotency-key': 'proof-return-yonam' },
    );
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json().loan.daysLate).toBeGreaterThan(0);
    expect(late.json().suspension).not.toBeNull();

    // The suspension ends; the reader deletes the history and withdraws.
    clock.advanceDays(40);
    const again = await memberClient(app, card, READER.password);
    const deleted = await again.request('DELETE', '/api/v1/me/loan-history');
    expect(deleted.statusCode, deleted.body).toBe(200);
    await snapshotMemberRow();
    const withdrawn = await again.post('/api/v1/me/withdrawal', { password: READER.password });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);

    // The retention jobs run after the idempotency window.
    clock.advanceDays(3);
    await runRetentionJobs(context);
  });

  it('finds no trace of the member in any table or the log', async () => {
    expect(memberId).toBeGreaterThan(0);
    const personal: [string, string][] = [
      ['name', READER.name],
      ['birth date', READER.birthDate],
      ['birth date (digits)', READER.birthDate.replaceAll('-', '')],
      ['phone', READER.phone],
      ['phone (digits)', READER.phone.replaceAll('-', '')],
      ['e-mail', READER.email],
      ...cards.map((card, i): [string, string] => [`card number ${i + 1}`, card]),
      ...[...ownStrings].map((value): [string, string] => ['own record value', value]),
    ];
    const borrowed = BOOKS.flatMap((b) => [b.title, b.barcode]);

    const { tables, rows } = await everyRow(context);
    // The catalog gives every table, so a new one is scanned without changing this test.
    expect(tables).toEqual(expect.arrayContaining(['members', 'audit_events', 'loans', 'cards']));
    const hits: string[] = [];
    // What docs/privacy.md keeps on purpose: a pseudonym whose key is gone (it must then be found
    // nowhere else, or it would still lead to the member).
    const unlinked = facts.keptUnlinked.map((k) => [k.table, k.column] as const);
    const keptUnlinked = (row: (typeof rows)[number], value: string) =>
      unlinked.some(
        ([table, column]) =>
          row.table === table &&
          row.value[column] === value &&
          !JSON.stringify({ ...row.value, [column]: null }).includes(value),
      );
    for (const row of rows) {
      for (const [what, value] of personal) {
        if (row.text.includes(value) && !keptUnlinked(row, value)) {
          hits.push(`${row.table}: ${what} in ${row.text}`);
        }
      }
      const key = namesMember(row.value, memberId);
      if (key) {
        const title = borrowed.find((b) => row.text.includes(b));
        hits.push(
          `${row.table}: member id in ${key}${title ? ` next to "${title}"` : ''}: ${row.text}`,
        );
      }
    }

    const log = lines.join('');
    expect(log).toContain('"msg":"request"');
    for (const [what, value] of personal) {
      if (log.includes(value)) hits.push(`log: ${what}`);
    }
    for (const line of lines) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      const title = borrowed.find((b) => line.includes(b));
      if (title && (namesMember(parsed, memberId) || line.includes(`/members/${memberId}/`))) {
        hits.push(`log: member ${memberId} next to "${title}": ${line}`);
      }
    }
    expect(hits).toEqual([]);
    console.info(
      `privacy proof: ${tables.length} tables, ${rows.length} rows, ${lines.length} log lines, ${personal.length} values`,
    );
  });
});
