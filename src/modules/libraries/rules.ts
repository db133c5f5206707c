import type { Kysely, Updateable } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { DB, LibraryLoanRulesTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { type LoanRules, loanRulesRefusals, type NetworkRules } from './domain.js';

/**
 * A library admin edits the library's loan rules. They apply to new loans and renewals only:
 * existing due dates are never rewritten. A library limit above the network limit is refused
 * (`LOAN_LIMIT_ABOVE_NETWORK`, naming the network limit).
 */
export async function updateLoanRules(
  context: AppContext,
  actor: Actor,
  libraryId: number,
  rules: LoanRules,
) {
  authorize(actor, 'library.manage', { libraryId });
  const now = context.clock.now();
  await context.db.transaction().execute(async (tx) => {
    // Read in the transaction that writes: the network limit the refusal names is the one in force.
    const network = await tx
      .selectFrom('network_rules')
      .select('network_loan_limit')
      .executeTakeFirstOrThrow();
    const refusals = loanRulesRefusals(rules, { networkLoanLimit: network.network_loan_limit });
    if (refusals.length > 0) throw AppError.of(refusals);
    await writeLibraryRules(tx, actor, now, libraryId, {
      columns: {
        loan_limit: rules.loanLimit,
        loan_period_days: rules.loanPeriodDays,
        max_renewals: rules.maxRenewals,
        renewal_days: rules.renewalDays,
        online_renewal: rules.onlineRenewal,
        closed_weekdays: [...new Set(rules.closedWeekdays)].sort(),
      },
      action: 'library.loan_rules_changed',
      details: { ...rules },
    });
  });
  const library = await context.libraries.findById(libraryId);
  return library!.loanRules;
}

/** The network admin edits the network rules: network loan limit, suspension mode and cap. */
export async function updateNetworkRules(
  context: AppContext,
  actor: Actor,
  rules: Omit<NetworkRules, 'machinesRequirePin'> & { machinesRequirePin?: boolean | undefined },
) {
  authorize(actor, 'network.manage', {});
  const now = context.clock.now();
  await context.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('network_rules')
      .set({
        network_loan_limit: rules.networkLoanLimit,
        suspension_mode: rules.suspensionMode,
        max_suspension_days: rules.maxSuspensionDays,
        ...(rules.machinesRequirePin === undefined
          ? {}
          : { machines_require_pin: rules.machinesRequirePin }),
        updated_at: now,
      })
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'network.rules_changed',
      subjectKind: 'network',
      subjectId: null,
      details: { ...rules },
    });
  });
  return context.libraries.networkRules();
}

/**
 * Writes some of a library's rules (its row of `library_loan_rules`: loans and holds) and the
 * audit event saying so, in the caller's transaction; NOT_FOUND for a library that has no row.
 */
export async function writeLibraryRules(
  tx: Kysely<DB>,
  actor: Actor,
  now: Date,
  libraryId: number,
  change: {
    columns: Omit<Updateable<LibraryLoanRulesTable>, 'library_id' | 'updated_at'>;
    action: string;
    details: Record<string, unknown>;
  },
): Promise<void> {
  const updated = await tx
    .updateTable('library_loan_rules')
    .set({ ...change.columns, updated_at: now })
    .where('library_id', '=', libraryId)
    .returning('library_id')
    .executeTakeFirst();
  if (!updated) throw new AppError('NOT_FOUND');
  await recordAudit(tx, actor, now, {
    action: change.action,
    subjectKind: 'library',
    subjectId: libraryId,
    libraryId,
    details: change.details,
  });
}
