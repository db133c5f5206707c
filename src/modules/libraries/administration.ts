import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import type { LibraryStatus } from './domain.js';

export interface LibraryChanges {
  status?: LibraryStatus | undefined;
  nameKo?: string | undefined;
  nameEn?: string | undefined;
  plannedStart?: string | null | undefined;
  phone?: string | null | undefined;
  addressKo?: string | null | undefined;
  openingHoursKo?: string | null | undefined;
  openingHoursEn?: string | null | undefined;
}

/**
 * The network admin edits a library's listing (its names too, a typo of the CSV corrected) and
 * moves it from planned to participating.
 */
export async function updateLibrary(
  context: AppContext,
  actor: Actor,
  libraryId: number,
  asked: LibraryChanges,
) {
  authorize(actor, 'network.manage', {});
  const { db, clock } = context;
  const now = clock.now();
  const changes = {
    ...asked,
    ...(asked.nameKo !== undefined ? { nameKo: asked.nameKo.trim() } : {}),
    ...(asked.nameEn !== undefined ? { nameEn: asked.nameEn.trim() } : {}),
  };
  await db.transaction().execute(async (tx) => {
    const library = await tx
      .selectFrom('libraries')
      .select(['id', 'status'])
      .where('id', '=', libraryId)
      .forUpdate()
      .executeTakeFirst();
    if (!library) throw new AppError('NOT_FOUND');
    const becomesParticipating =
      changes.status === 'participating' && library.status !== 'participating';
    await tx
      .updateTable('libraries')
      .set({
        ...(changes.status !== undefined ? { status: changes.status } : {}),
        ...(changes.nameKo !== undefined ? { name_ko: changes.nameKo } : {}),
        ...(changes.nameEn !== undefined ? { name_en: changes.nameEn } : {}),
        ...(becomesParticipating ? { participating_since: clock.today() } : {}),
        ...(changes.status === 'planned' ? { participating_since: null } : {}),
        ...(changes.plannedStart !== undefined ? { planned_start: changes.plannedStart } : {}),
        ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
        ...(changes.addressKo !== undefined ? { address_ko: changes.addressKo } : {}),
        ...(changes.openingHoursKo !== undefined
          ? { opening_hours_ko: changes.openingHoursKo }
          : {}),
        ...(changes.openingHoursEn !== undefined
          ? { opening_hours_en: changes.openingHoursEn }
          : {}),
      })
      .where('id', '=', libraryId)
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'library.updated',
      subjectKind: 'library',
      subjectId: libraryId,
      libraryId,
      details: { ...changes },
    });
  });
  return context.libraries.findById(libraryId);
}

export interface CheckInGroupInput {
  nameKo: string;
  nameEn: string;
  libraryIds: number[];
}

async function groupView(context: AppContext, groupId: number) {
  const group = await context.db
    .selectFrom('check_in_groups')
    .selectAll()
    .where('id', '=', groupId)
    .executeTakeFirst();
  if (!group) throw new AppError('NOT_FOUND');
  const libraries = await context.db
    .selectFrom('libraries')
    .select(['id', 'name_ko', 'name_en'])
    .where('check_in_group_id', '=', groupId)
    .orderBy('id')
    .execute();
  return {
    id: group.id,
    nameKo: group.name_ko,
    nameEn: group.name_en,
    libraries: libraries.map((l) => ({ id: l.id, nameKo: l.name_ko, nameEn: l.name_en })),
  };
}

export async function listCheckInGroups(context: AppContext) {
  const groups = await context.db
    .selectFrom('check_in_groups')
    .select('id')
    .orderBy('id')
    .execute();
  return Promise.all(groups.map((g) => groupView(context, g.id)));
}

/**
 * A check-in group (one city's integrated system, say): a check-in at one of its libraries covers
 * them all. A library belongs to at most one group; putting it in a new one takes it out of the old.
 */
export async function saveCheckInGroup(
  context: AppContext,
  actor: Actor,
  groupId: number | null,
  input: CheckInGroupInput,
) {
  authorize(actor, 'network.manage', {});
  const { db, clock } = context;
  const now = clock.now();
  const ids = [...new Set(input.libraryIds)];
  const id = await db.transaction().execute(async (tx) => {
    const known = await tx
      .selectFrom('libraries')
      .select('id')
      .where('id', 'in', ids.length ? ids : [-1])
      .execute();
    if (known.length !== ids.length)
      throw validationFailed('body.libraryIds', 'names an unknown library');
    let id = groupId;
    if (id === null) {
      const created = await tx
        .insertInto('check_in_groups')
        .values({ name_ko: input.nameKo.trim(), name_en: input.nameEn.trim() })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = created.id;
    } else {
      const updated = await tx
        .updateTable('check_in_groups')
        .set({ name_ko: input.nameKo.trim(), name_en: input.nameEn.trim() })
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst();
      if (!updated) throw new AppError('NOT_FOUND');
      await tx
        .updateTable('libraries')
        .set({ check_in_group_id: null })
        .where('check_in_group_id', '=', id)
        .execute();
    }
    if (ids.length)
      await tx
        .updateTable('libraries')
        .set({ check_in_group_id: id })
        .where('id', 'in', ids)
        .execute();
    await recordAudit(tx, actor, now, {
      action: groupId === null ? 'check_in_group.created' : 'check_in_group.updated',
      subjectKind: 'check_in_group',
      subjectId: id,
      details: { libraryIds: ids },
    });
    return id;
  });
  return groupView(context, id);
}
