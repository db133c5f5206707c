import { type Kysely, sql, type Updateable } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { AuditAction } from '../../platform/audit-actions.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { BusinessDate } from '../../platform/clock.js';
import type { Weekday } from '../../platform/dates.js';
import type { DB, LibraryLoanRulesTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { moveLoansDue } from './calendar.js';
import { type LoanRules, loanRulesRefusals, type NetworkRules } from './domain.js';

/**
 * A library admin edits the library's loan rules. They apply to new loans and renewals; existing
 * due dates are not rewritten, except that a weekday newly closed is a closed day added later:
 * the open loans due on it, from today on, move to the next open day (rules.md "Loans"; each move
 * recorded, as for a closed date). A library limit above the network limit is refused
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
  const today = context.clock.today();
  const loansMoved = await context.db.transaction().execute(async (tx) => {
    // Read in the transaction that writes: the network limit the refusal names is the one in force.
    const network = await tx
      .selectFrom('network_rules')
      .select('network_loan_limit')
      .executeTakeFirstOrThrow();
    const refusals = loanRulesRefusals(rules, { networkLoanLimit: network.network_loan_limit });
    if (refusals.length > 0) throw AppError.of(refusals);
    const before = await tx
      .selectFrom('library_loan_rules')
      .select('closed_weekdays')
      .where('library_id', '=', libraryId)
      .forUpdate()
      .executeTakeFirst();
    const newlyClosed = newlyClosedWeekdays(before?.closed_weekdays.map(Number) ?? [], rules);
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
    let moved = 0;
    for (const date of await openLoanDueDatesOn(tx, libraryId, newlyClosed, today)) {
      moved += await moveLoansDue(tx, actor, now, libraryId, date);
    }
    return moved;
  });
  const library = await context.libraries.findById(libraryId);
  return { ...library!.loanRules, loansMoved };
}

/** The weekdays the new rules close that the library was open on. */
function newlyClosedWeekdays(before: readonly number[], rules: LoanRules): Weekday[] {
  return [...new Set(rules.closedWeekdays)].filter((day) => !before.includes(day));
}

/** The dates, from today on, that the library's open loans fall due on one of these weekdays. */
async function openLoanDueDatesOn(
  tx: Kysely<DB>,
  libraryId: number,
  weekdays: readonly Weekday[],
  today: BusinessDate,
): Promise<BusinessDate[]> {
  if (weekdays.length === 0) return [];
  const rows = await tx
    .selectFrom('loans')
    .select('due_date')
    .distinct()
    .where('library_id', '=', libraryId)
    .where('returned_at', 'is', null)
    .where('due_date', '>=', today)
    .where(sql<number>`extract(isodow from due_date)::int`, 'in', [...weekdays])
    .orderBy('due_date')
    .execute();
  return rows.map((row) => row.due_date as BusinessDate);
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
    action: AuditAction;
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
