import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { writeLibraryRules } from '../libraries/index.js';
import type { HoldRules } from './domain.js';
import { holdRulesAt } from './trap.js';

/** A library's own hold rules: null keeps the network's; a value may only lower it. */
export interface LibraryHoldRules {
  holdLimit: number | null;
  queuePerCopy: number | null;
  pickupDays: number | null;
}

/** The network's hold rules, and (with a library) that library's own and those in force there. */
export async function readHoldRules(context: AppContext, libraryId: number | null) {
  const today = context.clock.today();
  const network = await networkHoldRules(context);
  if (libraryId === null) return { network, library: null, effective: network };
  const own = await context.db
    .selectFrom('library_loan_rules')
    .select(['hold_limit', 'hold_queue_per_copy', 'hold_pickup_days'])
    .where('library_id', '=', libraryId)
    .executeTakeFirst();
  if (!own) throw new AppError('NOT_FOUND');
  const { rules } = await holdRulesAt(context.db, libraryId, today);
  return {
    network,
    library: {
      holdLimit: own.hold_limit,
      queuePerCopy: own.hold_queue_per_copy,
      pickupDays: own.hold_pickup_days,
    },
    effective: rules,
  };
}

async function networkHoldRules(context: AppContext): Promise<HoldRules> {
  const n = await context.db
    .selectFrom('network_rules')
    .select([
      'hold_limit',
      'hold_queue_per_copy',
      'hold_pickup_days',
      'hold_no_show_limit',
      'hold_no_show_window_days',
      'hold_ban_days',
    ])
    .executeTakeFirstOrThrow();
  return {
    holdLimit: n.hold_limit,
    queuePerCopy: n.hold_queue_per_copy,
    pickupDays: n.hold_pickup_days,
    noShowLimit: n.hold_no_show_limit,
    noShowWindowDays: n.hold_no_show_window_days,
    banDays: n.hold_ban_days,
  };
}

/** The network admin sets the network's hold rules (the defaults every library may lower). */
export async function updateNetworkHoldRules(context: AppContext, actor: Actor, rules: HoldRules) {
  authorize(actor, 'network.manage', {});
  const now = context.clock.now();
  await context.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('network_rules')
      .set({
        hold_limit: rules.holdLimit,
        hold_queue_per_copy: rules.queuePerCopy,
        hold_pickup_days: rules.pickupDays,
        hold_no_show_limit: rules.noShowLimit,
        hold_no_show_window_days: rules.noShowWindowDays,
        hold_ban_days: rules.banDays,
        updated_at: now,
      })
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'network.hold_rules_changed',
      subjectKind: 'network',
      subjectId: null,
      details: { ...rules },
    });
  });
  return networkHoldRules(context);
}

/**
 * A library's admin lowers the hold rules at the library (null: the network's). A value above the
 * network's is refused: a library may only lower them (rules.md "Holds").
 */
export async function updateLibraryHoldRules(
  context: AppContext,
  actor: Actor,
  libraryId: number,
  rules: LibraryHoldRules,
) {
  authorize(actor, 'library.manage', { libraryId });
  const now = context.clock.now();
  const network = await networkHoldRules(context);
  const above = (
    [
      ['holdLimit', rules.holdLimit, network.holdLimit],
      ['queuePerCopy', rules.queuePerCopy, network.queuePerCopy],
      ['pickupDays', rules.pickupDays, network.pickupDays],
    ] as const
  ).find(([, mine, theirs]) => mine !== null && mine > theirs);
  if (above) {
    throw validationFailed(`body.${above[0]}`, `is above the network's ${above[2]}`);
  }
  await context.db.transaction().execute((tx) =>
    writeLibraryRules(tx, actor, now, libraryId, {
      columns: {
        hold_limit: rules.holdLimit,
        hold_queue_per_copy: rules.queuePerCopy,
        hold_pickup_days: rules.pickupDays,
      },
      action: 'library.hold_rules_changed',
      details: { ...rules },
    }),
  );
  return readHoldRules(context, libraryId);
}
