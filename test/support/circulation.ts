import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import type { TestApp } from './app.js';
import { insertCopies } from './copies.js';
import type { Client } from './http.js';

let phoneCounter = 0;

export async function libraryIdOf(t: TestApp, code: string): Promise<number> {
  const row = await t.db
    .selectFrom('libraries')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function staffIdOf(t: TestApp, username: string): Promise<number> {
  const row = await t.db
    .selectFrom('staff')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The open loans of a copy, by its barcode (at most one: the database allows no more). */
export function openLoansOfCopy(db: Kysely<DB>, barcode: string) {
  return db
    .selectFrom('loans')
    .innerJoin('items', 'items.id', 'loans.item_id')
    .select(['loans.id', 'loans.due_date'])
    .where('items.barcode', '=', barcode)
    .where('loans.returned_at', 'is', null)
    .execute();
}

/** Puts items on a library's shelf directly (the catalogue import has its own tests). */
export async function shelve(
  t: TestApp,
  libraryCode: string,
  items: { barcode: string; title?: string; loanable?: boolean }[],
) {
  const libraryId = await libraryIdOf(t, libraryCode);
  await insertCopies(t.db, libraryId, items);
}

/** Registers a walk-in member at the desk's library; returns the member and card number. */
export async function walkIn(
  desk: Client,
  extra: Record<string, unknown> = {},
): Promise<{ id: number; card: string }> {
  phoneCounter += 1;
  const response = await desk.post('/api/v1/members', {
    name: `회원${phoneCounter}`,
    birthDate: '1985-05-05',
    phone: `010-9${String(process.pid % 1000).padStart(3, '0')}-${String(phoneCounter).padStart(4, '0')}`,
    idDocumentType: 'resident_registration_card',
    password: 'member password',
    pin: '2468',
    consent: true,
    ...extra,
  });
  if (response.statusCode !== 201) throw new Error(`walk-in failed: ${response.body}`);
  return { id: response.json().id, card: response.json().card.number };
}

export function codes(body: { reasons?: { code: string }[] }): string[] {
  return (body.reasons ?? []).map((r) => r.code);
}
