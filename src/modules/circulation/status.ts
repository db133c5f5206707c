import type { Kysely } from 'kysely';
import type { AuditRow } from '../../platform/audit.js';
import type { BusinessDate } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { isOverdue, isSuspendedOn, resumesOn } from './domain.js';
import { statusSnapshot } from './repository.js';

/** Who is looking: the member sees everything; staff of a library see titles only of its own loans. */
export type StatusViewer = { kind: 'member' } | { kind: 'staff'; libraryId: number };

/**
 * The member's network status (rules.md "What people see"): open loans by library, overdue
 * loans, suspension, loans left network-wide and per library. Null for an unknown member.
 */
export async function circulationStatus(
  db: Kysely<DB>,
  memberId: number,
  today: BusinessDate,
  viewer: StatusViewer,
  audit: AuditRow | null = null,
) {
  const viewerLibraryId = viewer.kind === 'staff' ? viewer.libraryId : null;
  const snapshot = await statusSnapshot(db, memberId, viewerLibraryId, audit);
  if (!snapshot) return null;
  const loans = snapshot.openLoans;
  const suspension =
    snapshot.suspendedUntil === null
      ? null
      : { until: snapshot.suspendedUntil, cause: snapshot.suspensionCause };
  const network = { networkLoanLimit: snapshot.networkLoanLimit };
  const libraryIds = [
    ...new Set(
      loans.map((l) => l.libraryId).concat(viewerLibraryId === null ? [] : [viewerLibraryId]),
    ),
  ];
  const libraries = libraryIds.flatMap((id) => snapshot.libraries.get(id) ?? []);
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
                  id: active.cause.libraryId,
                  nameKo: active.cause.library,
                  nameEn: active.cause.libraryEn,
                },
                daysLate: active.cause.daysLate,
                returnDay: active.cause.returnDay,
                ...(seesDetails(active.cause.libraryId) ? { title: active.cause.title } : {}),
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
