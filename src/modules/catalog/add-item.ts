import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { AppError, type Reason } from '../../platform/errors.js';
import { BARCODE_EXISTS_MESSAGE } from './import-items.js';
import {
  type FieldResult,
  ITEM_LIMITS,
  type ItemRecord,
  parseBarcode,
  parseIsbn,
  parseOptionalText,
  parseTitle,
  parseYear,
} from './item.js';
import { type ItemView, insertItem, libraryExists } from './repository.js';

/** One copy as a librarian types it in; the same rules as a row of the CSV import. */
export interface ItemInput {
  barcode: string;
  title: string;
  author?: string | null | undefined;
  publisher?: string | null | undefined;
  year?: number | null | undefined;
  /** ISBN-10 or ISBN-13, hyphens allowed; kept as ISBN-13. */
  isbn?: string | null | undefined;
  callNumber?: string | null | undefined;
  /** Default true; false for a reference copy read in the library only. */
  loanable?: boolean | undefined;
}

/** Every invalid field at once, each named `body.<field>`. */
export function validateItemInput(input: ItemInput, currentYear: number): ItemRecord {
  const reasons: Reason[] = [];
  function take<T>(field: string, result: FieldResult<T>, fallback: T): T {
    if (result.ok) return result.value;
    reasons.push({
      code: 'VALIDATION_FAILED',
      // The import's code names the problem in the reader's language ("제목이 비어 있습니다").
      params: {
        field: `body.${field}`,
        reason: result.message,
        importCode: result.code,
        ...result.params,
      },
    });
    return fallback;
  }
  const text = (value: string | null | undefined) => value ?? '';
  const item: ItemRecord = {
    line: 0,
    barcode: take('barcode', parseBarcode(input.barcode), ''),
    title: take('title', parseTitle(input.title), ''),
    author: take(
      'author',
      parseOptionalText(text(input.author), 'author', ITEM_LIMITS.author),
      null,
    ),
    publisher: take(
      'publisher',
      parseOptionalText(text(input.publisher), 'publisher', ITEM_LIMITS.publisher),
      null,
    ),
    year: take(
      'year',
      parseYear(
        input.year === null || input.year === undefined ? '' : String(input.year),
        currentYear,
      ),
      null,
    ),
    isbn: take('isbn', parseIsbn(text(input.isbn)), null),
    callNumber: take(
      'callNumber',
      parseOptionalText(text(input.callNumber), 'call_number', ITEM_LIMITS.callNumber),
      null,
    ),
    loanable: input.loanable ?? true,
  };
  if (reasons.length > 0) throw AppError.of(reasons);
  return item;
}

/** A library admin (or the network admin) adds one copy to a library's holdings. */
export async function addItem(
  context: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  libraryId: number,
  input: ItemInput,
): Promise<ItemView> {
  authorize(actor, 'library.manage', { libraryId });
  const { db, clock } = context;
  if (!(await libraryExists(db, libraryId))) throw new AppError('NOT_FOUND');
  const item = validateItemInput(input, Number(clock.today().slice(0, 4)));
  return db.transaction().execute(async (tx) => {
    const added = await insertItem(tx, libraryId, item);
    if (!added) throw new AppError('CONFLICT', { reason: BARCODE_EXISTS_MESSAGE });
    await recordAudit(tx, actor, clock.now(), {
      action: 'item.added',
      subjectKind: 'item',
      subjectId: added.id,
      libraryId,
      details: { barcode: added.barcode },
    });
    return added;
  });
}
