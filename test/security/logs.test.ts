import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../src/app.js';
import { createAppContext } from '../../src/app-context.js';
import { seedLibraryDirectory } from '../../src/modules/libraries/seed.js';
import {
  DEMO_TERMINAL_PASSWORD,
  seedDemoTerminals,
  terminalUsername,
} from '../../src/modules/terminals/terminals.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { App } from '../../src/platform/http/server.js';
import { createLogger } from '../../src/platform/logger.js';
import { DEMO_STAFF_PASSWORD, seedDemoAccounts } from '../../src/seed/demo-accounts.js';
import { Sip2Client } from '../../src/sip2/client.js';
import { type Sip2Server, startSip2Server } from '../../src/sip2/server.js';
import { insertCopies } from '../support/copies.js';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../support/database.js';
import { Client, memberClient, staffClient } from '../support/http.js';

const GN = 'gyeongnamdaepyo-library';

/** Somebody whose details must never reach the log. */
const PERSON = {
  name: '홍비밀',
  birthDate: '1979-11-23',
  phone: '010-7777-4321',
  email: 'hong.secret@example.org',
  password: 'pw-Sup3rSecret!',
  pin: '739184',
  consent: true,
};
const APPLICANT = {
  name: '남몰래',
  birthDate: '1982-02-14',
  email: 'nammolrae@example.org',
  password: 'pw-Other-Secret',
  consent: true,
};
const WRONG_PASSWORD = 'pw-Wrong-Guess-77';
const WRONG_PIN = '604215';

/**
 * A full day at the desk, the portal and a self-check machine, with everything the service logs
 * (level trace) captured: no name, phone, birth date, e-mail, card number, password, PIN or
 * session token of anyone appears in it.
 */
describe(`the log of a full scenario holds no personal data or secret (${testDatabaseKind})`, () => {
  const lines: string[] = [];
  let database: TestDatabase;
  let app: App;
  let sip2: Sip2Server;
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database.database;
    const clock = new ManualClock('2026-12-01T10:00:00+09:00');
    await seedLibraryDirectory(db, { participating: true });
    await seedDemoAccounts(db, clock);
    await seedDemoTerminals(db);
    const gn = await db
      .selectFrom('libraries')
      .select('id')
      .where('code', '=', GN)
      .executeTakeFirstOrThrow();
    await insertCopies(
      db,
      gn.id,
      ['LOG-1', 'LOG-2', 'LOG-3'].map((barcode) => ({ barcode, title: `기록 ${barcode}` })),
    );
    const logger = createLogger('trace', { write: (line: string) => lines.push(line) });
    const context = createAppContext(db, clock, logger);
    app = await buildHttpApp(context);
    sip2 = await startSip2Server(context, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await sip2?.close();
    await app?.close();
    await database?.drop();
  });

  it('runs the scenario', async () => {
    const anonymous = new Client(app);
    const applied = await anonymous.post('/api/v1/members/pre-registrations', {
      ...APPLICANT,
      homeLibraryId: 1,
    });
    expect(applied.statusCode, applied.body).toBe(201);

    const desk = await staffClient(app, 'gyeongnamdaepyo-desk');
    secrets.set('staff session', desk.cookie!.split('=')[1]!);
    secrets.set('staff CSRF token', desk.csrfToken!);
    const registered = await desk.post('/api/v1/members', {
      ...PERSON,
      idDocumentType: 'resident_registration_card',
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const card = registered.json().card.number as string;
    secrets.set('card number', card);
    // A refused registration quoting the same details, and a malformed one.
    expect(
      (await desk.post('/api/v1/members', { ...PERSON, idDocumentType: 'passport' })).json().code,
    ).toBe('DUPLICATE_MEMBER');
    expect(
      (await desk.post('/api/v1/members', { ...PERSON, birthDate: '23/11/1979' })).statusCode,
    ).toBe(400);

    const failed = await anonymous.post('/api/v1/members/sign-in', {
      login: card,
      password: WRONG_PASSWORD,
    });
    expect(failed.json().code).toBe('INVALID_CREDENTIALS');
    const member = await memberClient(app, card, PERSON.password);
    secrets.set('member session', member.cookie!.split('=')[1]!);
    secrets.set('member CSRF token', member.csrfToken!);
    expect((await member.get('/api/v1/me')).statusCode).toBe(200);
    const byEmail = await memberClient(app, APPLICANT.email, APPLICANT.password);
    expect((await byEmail.get('/api/v1/me')).statusCode).toBe(200);

    // The desk looks people up by the details themselves (in query strings and paths).
    expect((await desk.get(`/api/v1/members?phone=${PERSON.phone}`)).statusCode).toBe(200);
    expect(
      (
        await desk.get(
          `/api/v1/members?name=${encodeURIComponent(PERSON.name)}&birthDate=${PERSON.birthDate}`,
        )
      ).statusCode,
    ).toBe(200);
    expect((await desk.get(`/api/v1/cards/${card}`)).statusCode).toBe(200);
    expect(
      (await anonymous.get(`/api/v1/catalogue?q=${encodeURIComponent(PERSON.name)}`)).statusCode,
    ).toBe(200);
    const lent = await desk.post(
      '/api/v1/checkouts',
      { cardNumber: card, itemBarcode: 'LOG-1' },
      { 'idempotency-key': `checkout-${card}` },
    );
    expect(lent.statusCode, lent.body).toBe(201);
    expect((await desk.post('/api/v1/returns', { itemBarcode: 'LOG-1' })).statusCode).toBe(200);
    expect((await member.get('/api/v1/me/loans')).statusCode).toBe(200);
    expect(
      (
        await member.post('/api/v1/me/password', {
          currentPassword: PERSON.password,
          newPassword: `${PERSON.password}-2`,
        })
      ).statusCode,
    ).toBe(200);
    secrets.set('new password', `${PERSON.password}-2`);

    // A self-check machine: login, patron status, a wrong PIN, checkout and return.
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
    const status = await machine.patronStatus({
      patronIdentifier: card,
      patronPassword: PERSON.pin,
    });
    expect(status.validPatron).toBe(true);
    await machine.patronInformation({
      patronIdentifier: card,
      patronPassword: WRONG_PIN,
      summary: '          ',
    } as never);
    const out = await machine.checkout({
      patronIdentifier: card,
      itemIdentifier: 'LOG-2',
      patronPassword: PERSON.pin,
    });
    expect(out.ok).toBe(true);
    expect((await machine.checkin({ itemIdentifier: 'LOG-2', currentLocation: '' })).ok).toBe(true);
    await machine.close();
    expect((await desk.post('/api/v1/sign-out')).statusCode).toBe(200);
  });

  it('finds none of it in the log', () => {
    const log = lines.join('');
    // The log is there: every request, the machine's session, the refusals.
    expect(lines.length).toBeGreaterThan(20);
    expect(log).toContain('"msg":"request"');
    expect(log).toContain('sip2 terminal logged in');
    const forbidden: [string, string][] = [
      ['name', PERSON.name],
      ['applicant name', APPLICANT.name],
      ['birth date', PERSON.birthDate],
      ['applicant birth date', APPLICANT.birthDate],
      ['birth date (digits)', PERSON.birthDate.replaceAll('-', '')],
      ['phone', PERSON.phone],
      ['phone (digits)', PERSON.phone.replaceAll('-', '')],
      ['e-mail', PERSON.email],
      ['applicant e-mail', APPLICANT.email],
      ['password', PERSON.password],
      ['applicant password', APPLICANT.password],
      ['wrong password', WRONG_PASSWORD],
      ['staff password', DEMO_STAFF_PASSWORD],
      ['terminal password', DEMO_TERMINAL_PASSWORD],
      ['PIN', PERSON.pin],
      ['wrong PIN', WRONG_PIN],
      ...[...secrets.entries()],
    ];
    const found = forbidden.filter(
      ([, value]) => log.includes(value) || log.includes(JSON.stringify(value).slice(1, -1)),
    );
    expect(found.map(([what]) => what)).toEqual([]);
    console.info(`logs: ${lines.length} lines checked for ${forbidden.length} values`);
  });
});
