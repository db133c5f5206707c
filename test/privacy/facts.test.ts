import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_DOC, renderPrivacyDoc } from '../../src/modules/privacy/privacy-doc.js';
import facts from '../../src/modules/privacy/privacy-facts.json' with { type: 'json' };
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../support/database.js';

describe(`docs/privacy.md and the facts file agree with the schema (${testDatabaseKind})`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  it('lists every table of the database, and every column it names exists', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
       where table_schema = current_schema()`.execute(database.database.db);
    const tables = new Set(rows.map((r) => r.table_name));
    const described = new Set(facts.records.map((r) => r.table));
    expect([...tables].filter((t) => !described.has(t)).sort()).toEqual([]);
    const columns = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
    const named = facts.records.flatMap((r) => r.columns.map((c) => `${r.table}.${c}`));
    expect(named.filter((c) => !columns.has(c))).toEqual([]);
  });

  it('names every record that holds personal data as a member calls it, in both languages', () => {
    const unnamed = facts.records
      .filter((r) => r.columns.length > 0)
      .filter((r) => !r.name?.ko || !r.name.en || r.name.ko === r.table)
      .map((r) => r.table);
    expect(unnamed).toEqual([]);
  });

  it('has docs/privacy.md generated from the facts, linked from the README', () => {
    const doc = readFileSync(PRIVACY_DOC, 'utf8');
    // Biome pads the tables; the padding is not a fact.
    const unpadded = (text: string) => text.replace(/ {2,}/g, ' ').replace(/-{3,}/g, '---');
    expect(unpadded(renderPrivacyDoc(doc))).toBe(unpadded(doc));
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toContain(
      '(docs/privacy.md)',
    );
  });
});
