import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { DEMO_STAFF_PASSWORD, DEMO_TERMINAL_PASSWORD } from '../../platform/auth/demo-passwords.js';
import { hashSecret, verifySecret } from '../../platform/auth/secrets.js';
import type { BusinessDate, Clock } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { type Directory, seedLibraryDirectory } from '../libraries/index.js';

export class NetworkNotEmptyError extends Error {
  constructor() {
    super(
      'the database already has libraries or staff: init sets up an empty database only (nothing was changed)',
    );
    this.name = 'NetworkNotEmptyError';
  }
}

export interface NetworkSetup {
  directory: Directory;
  /** The seed document's date for its own libraries; none for an operator's CSV. */
  plannedStart?: BusinessDate | null;
  adminUsername: string;
  /** The first network admin's one-time password; it must be changed at the first sign-in. */
  adminPassword: string;
}

export interface NetworkSetupReport {
  regions: number;
  libraries: number;
  adminUsername: string;
  adminLibraryCode: string;
}

/** Letters and digits that cannot be misread from a terminal (no 0/O, 1/l/I). */
const READABLE = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password of 20 characters (about 115 bits), meant to be typed once. */
export function oneTimePassword(): string {
  return [...randomBytes(20)].map((byte) => READABLE[byte % READABLE.length]).join('');
}

async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('libraries').select('id')).as('libraries'),
      eb.exists(eb.selectFrom('staff').select('id')).as('staff'),
    ])
    .executeTakeFirstOrThrow();
  return !row.libraries && !row.staff;
}

/**
 * Sets up a real network on an empty database: its libraries and regions (planned; the network
 * admin lets each one lend) and the first network admin, attached to the first library listed
 * in the province (the provincial library), who must choose a new password at the first sign-in.
 */
export async function setUpNetwork(
  db: Kysely<DB>,
  clock: Clock,
  setup: NetworkSetup,
): Promise<NetworkSetupReport> {
  if (!(await isEmpty(db))) throw new NetworkNotEmptyError();
  const passwordHash = await hashSecret(setup.adminPassword);
  const counts = await seedLibraryDirectory(
    db,
    { participating: false, plannedStart: setup.plannedStart ?? null },
    setup.directory,
  );
  const home =
    setup.directory.libraries.find((l) => l.regionCode === setup.directory.regions[0]?.code) ??
    setup.directory.libraries[0]!;
  const library = await db
    .selectFrom('libraries')
    .select('id')
    .where('code', '=', home.code)
    .executeTakeFirstOrThrow();
  await db.transaction().execute(async (tx) => {
    const admin = await tx
      .insertInto('staff')
      .values({
        library_id: library.id,
        username: setup.adminUsername,
        display_name: '책이음 네트워크 관리자',
        role: 'network_admin',
        password_hash: passwordHash,
        must_change_password: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, null, clock.now(), {
      action: 'network.initialized',
      subjectKind: 'staff',
      subjectId: admin.id,
      libraryId: library.id,
      details: counts,
    });
  });
  return { ...counts, adminUsername: setup.adminUsername, adminLibraryCode: home.code };
}

/** Accounts that still sign in with a password README publishes (the demo seed's). */
export async function demoPasswordAccounts(
  db: Kysely<DB>,
): Promise<{ staff: number; terminals: number }> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('staff')
        .select((s) => s.fn.countAll<number>().as('n'))
        .where('demo_password', '=', true)
        .as('staff'),
      eb
        .selectFrom('terminals')
        .select((s) => s.fn.countAll<number>().as('n'))
        .where('demo_password', '=', true)
        .as('terminals'),
    ])
    .executeTakeFirstOrThrow();
  return { staff: Number(row.staff ?? 0), terminals: Number(row.terminals ?? 0) };
}

export class DemoPasswordsError extends Error {
  constructor(accounts: { staff: number; terminals: number }) {
    super(
      `refusing to start: ${accounts.staff} staff and ${accounts.terminals} self-check accounts still have the demo passwords README publishes. ` +
        'This is a demo database: run it with `start --demo` (npm start), or set up a real network on an empty database with `library-one init`.',
    );
    this.name = 'DemoPasswordsError';
  }
}

/**
 * Accounts from before go-live (0025) are checked once against the published demo passwords: a
 * database of an earlier release was always seeded with them. One verification per distinct hash.
 */
export async function vetUpgradedPasswords(db: Kysely<DB>): Promise<void> {
  for (const table of ['staff', 'terminals'] as const) {
    const rows = await db
      .selectFrom(table)
      .select(['id', 'password_hash'])
      .where('password_vetted', '=', false)
      .execute();
    const published = new Map<string, boolean>();
    for (const { password_hash: hash } of rows) {
      if (published.has(hash)) continue;
      const matches = await Promise.all(
        [DEMO_STAFF_PASSWORD, DEMO_TERMINAL_PASSWORD].map((demo) => verifySecret(hash, demo)),
      );
      published.set(hash, matches.includes(true));
    }
    for (const { id, password_hash: hash } of rows) {
      await db
        .updateTable(table)
        .set({ demo_password: published.get(hash) === true, password_vetted: true })
        .where('id', '=', id)
        .where('password_hash', '=', hash)
        .execute();
    }
  }
}

/** Production start: no account may still sign in with a published demo password. */
export async function refuseDemoPasswords(db: Kysely<DB>): Promise<void> {
  await vetUpgradedPasswords(db);
  const accounts = await demoPasswordAccounts(db);
  if (accounts.staff > 0 || accounts.terminals > 0) throw new DemoPasswordsError(accounts);
}
