import type { Kysely } from 'kysely';
import { attachCopies } from '../../src/modules/catalog/records.js';
import type { DB } from '../../src/platform/db/schema.js';

export interface CopySeed {
  barcode: string;
  /** Default `책 <barcode>`. */
  title?: string;
  author?: string | null;
  isbn?: string | null;
  callNumber?: string | null;
  loanable?: boolean;
}

/** Puts copies on a library's shelf directly, each with its title's record (as an import does). */
export async function insertCopies(db: Kysely<DB>, libraryId: number, copies: CopySeed[]) {
  return attachCopies(
    db,
    libraryId,
    copies.map((copy) => ({
      line: 0,
      barcode: copy.barcode,
      title: copy.title ?? `책 ${copy.barcode}`,
      author: copy.author ?? null,
      publisher: null,
      year: null,
      isbn: copy.isbn ?? null,
      callNumber: copy.callNumber ?? null,
      loanable: copy.loanable ?? true,
    })),
  );
}
