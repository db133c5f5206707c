import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import { AppError } from '../../src/platform/errors.js';

/** The title (bibliographic record) of a copy, by its barcode. */
export async function recordOfCopy(db: Kysely<DB>, barcode: string): Promise<number> {
  const row = await db
    .selectFrom('items')
    .select('record_id')
    .where('barcode', '=', barcode)
    .executeTakeFirstOrThrow();
  return row.record_id;
}

/** The refusal codes a use case throws (none when it succeeds). */
export async function refusalOf(work: Promise<unknown>): Promise<string[]> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error.reasons.map((r) => r.code);
    throw error;
  }
  return [];
}
