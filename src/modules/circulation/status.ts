import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { type AuditRow, auditRow } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { isStaff } from '../../platform/auth/policies.js';
import type { BusinessDate } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { loadBorrowerStanding } from './borrower-standing.js';
import { libraryCountedAt, resumesOn } from './domain.js';
import { type BorrowerFacts, deriveStanding, renewsAt, type StandingLoan } from './standing.js';

/**
 * Who is looking: the member sees everything; staff of a library see titles only of its own
 * loans and of those lent there through an inter-library request.
 */
export type StatusViewer = { kind: 'member' } | { kind: 'staff'; libraryId: number };

/**
 * The member's network status (rules.md "What people see"): open loans by library, overdue
 * loans, suspension, loans left network-wide and per library, and the server's own answer to
 * "may I borrow / renew, and if not, why" (the derived standing). Null for an unknown member.
 */
export async function circulationStatus(
  db: Kysely<DB>,
  memberId: number,
  today: BusinessDate,
  viewer: StatusViewer,
  audit: AuditRow | readonly AuditRow[] | null = null,
) {
  const viewerLibraryId = viewer.kind === 'staff' ? viewer.libraryId : null;
  const { standing: facts } = await loadBorrowerStanding(
    db,
    { memberId },
    { library: viewerLibraryId, today, audit },
  );
  // A desk sees only a member its library holds (its look is audited only then).
  if (!facts || (viewer.kind === 'staff' && !facts.checkedIn)) return null;
  return statusOf(facts, today, viewer);
}

/**
 * A card scanned at a desk, in one statement: the card with its member, and the holder's status
 * where the desk's library holds them (null otherwise). The look is recorded by the same
 * statement: `held` where the library holds the member, `limited` where it does not. Null for an
 * unknown card.
 */
export async function cardScan(
  db: Kysely<DB>,
  cardNumber: string,
  today: BusinessDate,
  libraryId: number,
  looks: { held: readonly AuditRow[]; limited: AuditRow },
) {
  const { standing: facts, scanned } = await loadBorrowerStanding(
    db,
    { cardNumber },
    { library: libraryId, today, audit: looks.held, scan: { limitedLook: looks.limited } },
  );
  if (!scanned || !facts) return null;
  const status = facts.checkedIn ? statusOf(facts, today, { kind: 'staff', libraryId }) : null;
  return { scanned, checkedIn: facts.checkedIn, status };
}

export type CirculationStatus = ReturnType<typeof statusOf>;

/** The facts with the member's open loans as a write left them (ordered as the read orders them). */
export function withOpenLoans(facts: BorrowerFacts, openLoans: StandingLoan[]): BorrowerFacts {
  const ordered = [...openLoans].sort((a, b) =>
    a.dueDate === b.dueDate ? a.id - b.id : a.dueDate < b.dueDate ? -1 : 1,
  );
  return { ...facts, openLoans: ordered };
}

/**
 * The status from the facts the rules read (pure): what `circulationStatus` answers, and what a
 * checkout or renewal answers after its write, with the facts it read and its own change.
 */
export function statusOf(facts: BorrowerFacts, today: BusinessDate, viewer: StatusViewer) {
  const standing = deriveStanding(facts, today, { online: viewer.kind === 'member' });
  const seesDetails = (libraryId: number) =>
    viewer.kind === 'member' || viewer.libraryId === libraryId;
  // A desk sees the loans it may renew: its library's, and those lent there through a request.
  const seesLoan = (loan: StandingLoan) =>
    viewer.kind === 'member' || renewsAt(loan, viewer.libraryId);
  // Each loan's rules are those of the library it counts at: its pickup library's for an
  // inter-library loan.
  const libraryOf = new Map(
    facts.openLoans.map((l) => [
      libraryCountedAt(l),
      { names: l.pickupLibrary?.names ?? l.names, rules: l.rules },
    ]),
  );
  if (facts.library) libraryOf.set(facts.library.id, facts.library);
  const openLoans = facts.openLoans.map((l, index) => {
    const loan = standing.loans[index]!;
    return {
      library: {
        id: l.libraryId,
        nameKo: l.names.library,
        nameEn: l.names.libraryEn,
        phone: l.phone,
      },
      ...(l.pickupLibrary
        ? {
            pickupLibrary: {
              id: l.pickupLibrary.id,
              nameKo: l.pickupLibrary.names.library,
              nameEn: l.pickupLibrary.names.libraryEn,
            },
          }
        : {}),
      dueDate: l.dueDate,
      overdue: loan.overdue,
      ...(seesLoan(l)
        ? {
            loanId: l.id,
            title: l.title,
            itemBarcode: l.barcode,
            loanDay: l.loanDay,
            renewals: l.renewals,
            renewable: loan.renewable,
            renewalRefusals: loan.renewalRefusals,
          }
        : {}),
    };
  });
  const active = standing.suspension;
  return {
    today,
    openLoans,
    overdueCount: standing.overdueCount,
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
      open: facts.openLoans.length,
      limit: facts.networkLoanLimit,
      left: standing.loansLeft.network,
    },
    byLibrary: standing.byLibrary.flatMap(({ libraryId, open, limit, left }) => {
      const library = libraryOf.get(libraryId);
      if (!library) return [];
      return {
        library: { id: libraryId, nameKo: library.names.library, nameEn: library.names.libraryEn },
        open,
        limit,
        left,
        onlineRenewal: library.rules.onlineRenewal,
        maxRenewals: library.rules.maxRenewals,
      };
    }),
    standing: {
      mayBorrow: standing.refusals.length === 0,
      refusals: standing.refusals,
      loansLeft: standing.loansLeft,
    },
  };
}

/**
 * The audit event of a desk's look at a member's status (rules.md "What people see"); a null id
 * where the statement that records it reads the member (a card scan).
 */
export function statusViewed(actor: Actor, now: Date, memberId: number | null): AuditRow {
  return auditRow(actor, now, {
    action: 'member.status_viewed',
    subjectKind: 'member',
    subjectId: memberId,
  });
}

/** The member's own status, in the portal. */
export async function myStatus({ db, clock }: AppContext, actor: Actor) {
  authorize(actor, 'member.own-account', {});
  if (actor.kind !== 'member') throw new AppError('FORBIDDEN');
  const status = await circulationStatus(db, actor.memberId, clock.today(), { kind: 'member' });
  if (!status) throw new AppError('NOT_FOUND');
  return status;
}

/**
 * A member's network status for a desk of a library that holds the member (home, group or
 * checked in): one statement reads it and audits the look, only when the library holds the
 * member; any other id (unknown, or held elsewhere) is FORBIDDEN alike.
 */
export async function deskStatus({ db, clock }: AppContext, actor: Actor, memberId: number) {
  if (!isStaff(actor)) {
    authorize(actor, 'member.view-loans', { heldHere: false });
    throw new AppError('FORBIDDEN');
  }
  const viewed = statusViewed(actor, clock.now(), memberId);
  const viewer = { kind: 'staff', libraryId: actor.libraryId } as const;
  const status = await circulationStatus(db, memberId, clock.today(), viewer, viewed);
  authorize(actor, 'member.view-loans', { heldHere: status !== null });
  if (!status) throw new AppError('FORBIDDEN');
  return status;
}
