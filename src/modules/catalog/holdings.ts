import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { AppError } from '../../platform/errors.js';
import { findItem, libraryExists, listItems } from './repository.js';

/** A library's copies, a page at a time (staff of the library, or the network admin). */
export async function holdingsOf(
  { db }: AppContext,
  actor: Actor,
  libraryId: number,
  page: { q: string | undefined; limit: number; offset: number },
) {
  authorize(actor, 'library.view-holdings', { libraryId });
  if (!(await libraryExists(db, libraryId))) throw new AppError('NOT_FOUND');
  return { ...(await listItems(db, libraryId, page)), limit: page.limit, offset: page.offset };
}

/** One copy by its barcode, with its loan status. */
export async function holdingOf(
  { db }: AppContext,
  actor: Actor,
  libraryId: number,
  barcode: string,
) {
  authorize(actor, 'library.view-holdings', { libraryId });
  const item = await findItem(db, libraryId, barcode.normalize('NFC').trim());
  if (!item) throw new AppError('ITEM_UNKNOWN');
  return item;
}
