import type { Kysely } from 'kysely';
import type { BusinessDate } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { isOverdue, isSuspendedOn, resumesOn } from './domain.js';
import { lendingLibrary, networkRules, openLoansOf, suspensionOf } from './repository.js';

/** Who is looking: the member sees everything; staff of a library see titles only of its own loans. */
export type StatusViewer = { kind: 'member' } | { kind: 'staff'; libraryId: number };

/**
 * The member's network status (rules.md "What people see"): open loans by library, overdue
 * loans, suspension, loans left network-wide and per library.
 */
export async function circulationStatus(
  db: Kysely<DB>,
  member: { id: number; suspended_until: BusinessDate | null; suspension_loan_id: number | null },
  today: BusinessDate,
  viewer: StatusViewer,
) {
  const [loans, suspension, network] = await Promise.all([
    openLoansOf(db, member.id),
    suspensionOf(db, member),
    networkRules(db),
  ]);
  const libraryIds = [
    ...new Set(
      loans.map((l) => l.libraryId).concat(viewer.kind === 'staff' ? [viewer.libraryId] : []),
    ),
  ];
  const libraries = await Promise.all(libraryIds.map((id) => lendingLibrary(db, id)));
  const seesDetails = (libraryId: number) =>
    viewer.kind === 'member' || viewer.libraryId === libraryId;
  const openLoans = loans.map((l) => ({
    library: {
      id: l.libraryId,
      nameKo: l.names.library,
      nameEn: l.names.libraryEn,
      phone: l.phone,
    },
    dueDate: l.dueDate,
    overdue: isOverdue(l.dueDate, today),
    ...(seesDetails(l.libraryId)
      ? {
          loanId: l.id,
          title: l.title,
          itemBarcode: l.barcode,
          loanDay: l.loanDay,
          renewals: l.renewals,
        }
      : {}),
  }));
  const byLibrary = libraries.map((library) => {
    const open = loans.filter((l) => l.libraryId === library.id).length;
    return {
      library: { id: library.id, nameKo: library.names.library, nameEn: library.names.libraryEn },
      open,
      limit: library.rules.loanLimit,
      left: Math.max(0, library.rules.loanLimit - open),
      onlineRenewal: library.rules.onlineRenewal,
      maxRenewals: library.rules.maxRenewals,
    };
  });
  const active = suspension && isSuspendedOn(suspension.until, today) ? suspension : null;
  return {
    openLoans,
    overdueCount: openLoans.filter((l) => l.overdue).length,
    suspension: active
      ? {
          until: active.until,
          resumesOn: resumesOn(active.until),
          cause: active.cause
            ? {
                library: {
                  id: active.causeLibraryId,
                  nameKo: active.cause.library,
                  nameEn: active.cause.libraryEn,
                },
                daysLate: active.cause.daysLate,
                returnDay: active.cause.returnDay,
                ...(active.causeLibraryId !== null && seesDetails(active.causeLibraryId)
                  ? { title: active.causeTitle }
                  : {}),
              }
            : null,
        }
      : null,
    network: {
      open: loans.length,
      limit: network.networkLoanLimit,
      left: Math.max(0, network.networkLoanLimit - loans.length),
    },
    byLibrary,
  };
}
