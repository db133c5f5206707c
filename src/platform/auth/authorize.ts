import type { StaffRole } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Actor, MemberActor, StaffActor, TerminalActor } from './actor.js';
import * as policies from './policies.js';

/**
 * One named policy per action (in the style of Outline's `authorize(actor, action, subject)`):
 * every use case begins with `authorize`, and the HTTP routes, SIP2 and the tests ask the same
 * table. A subject carries the facts a policy needs (a library, a member, whether the actor's
 * library holds the member's data), read by the use case before it asks when they need the database.
 */
interface Subjects {
  // Circulation: at the desk's (or machine's) own library, by construction of the actor.
  'loan.checkout': Record<string, never>;
  'loan.return': Record<string, never>;
  'loan.renew-at-desk': Record<string, never>;
  'loan.renew-online': Record<string, never>;
  /** Holds (issue 20): the member's own (place, cancel, list); a desk's or machine's at its library. */
  'hold.own': Record<string, never>;
  'hold.desk': Record<string, never>;
  'member.own-account': Record<string, never>;
  'member.withdraw-self': { memberId: number };
  'member.renew-own-consent': { memberId: number };
  'card.report-own-lost': { memberId: number };
  // Members at a desk. `heldHere`: the actor's library holds the member (home library, its
  // check-in group, or a check-in there); `cardPresented`: the member's own card was presented
  // at this desk. No member action is open to "any staff" (docs/security.md, Member scope).
  'member.register': Record<string, never>;
  'member.verify': { homeLibraryId: number };
  'member.check-in': { cardPresented: boolean };
  'member.scan-card': { cardPresented: boolean };
  'member.view': { heldHere: boolean };
  'member.view-loans': { heldHere: boolean };
  /** The member's holds: those at the desk's library in full, elsewhere counted by library. */
  'member.view-holds': { heldHere: boolean };
  /** The member's inter-library requests: to collect here in full, elsewhere counted by library. */
  'member.view-requests': { heldHere: boolean };
  'member.view-cards': { memberId: number; heldHere: boolean };
  'member.reset-credentials': { heldHere: boolean };
  'member.withdraw': { heldHere: boolean };
  'member.renew-consent': { heldHere: boolean };
  'member.edit-contact': { memberId: number; heldHere: boolean };
  /** The member's notice channels and notice log: the member, or a desk holding the member. */
  'member.notices': { memberId: number; heldHere: boolean };
  'card.report-lost': { heldHere: boolean };
  'card.reissue': { heldHere: boolean };
  'card.block': Record<string, never>;
  'card.unblock': { heldHere: boolean };
  // Administration.
  'library.manage': { libraryId: number };
  'library.view-holdings': { libraryId: number };
  'network.manage': Record<string, never>;
  'staff.manage': { libraryId: number; role: StaffRole };
  'staff.reset-password': { libraryId: number; role: StaffRole };
  'terminal.manage': { libraryId: number };
  'audit.read': { libraryId: number | null };
  'statistics.read': { libraryId: number | null };
  /** Notice settings, template previews and counts: a library's admin (null: the network's view). */
  'notices.administer': { libraryId: number | null };
  // Inter-library requests: the member's own; a desk (or machine) works its own library's side
  // (the lending library's pull list and returns home, the pickup library's arrivals).
  'request.place': { memberId: number };
  'request.cancel': { memberId: number | null };
  'request.desk': { libraryId: number };
}

export type Action = keyof Subjects;
export type SubjectOf<A extends Action> = Subjects[A];

type Policy<A extends Action> = (actor: Actor | null, subject: SubjectOf<A>) => boolean;

/** A desk (any staff role) or a self-check machine, working at its own library. */
const atDesk = (actor: Actor | null): actor is StaffActor | TerminalActor =>
  actor !== null && (actor.kind === 'staff' || actor.kind === 'terminal');
const staffOnly = (actor: Actor | null) => policies.isStaff(actor);
const memberOnly = (actor: Actor | null): actor is MemberActor => actor?.kind === 'member';
const staffHolding = (actor: Actor | null, s: { heldHere: boolean }) =>
  policies.isStaff(actor) && s.heldHere;
/** Staff at whose desk the member presented their own card (a card scan, a check-in). */
const staffWithCard = (actor: Actor | null, s: { cardPresented: boolean }) =>
  policies.isStaff(actor) && s.cardPresented;

const POLICIES: { [A in Action]: Policy<A> } = {
  'loan.checkout': atDesk,
  'loan.return': atDesk,
  'loan.renew-at-desk': atDesk,
  'loan.renew-online': memberOnly,
  'hold.own': memberOnly,
  'hold.desk': atDesk,
  'member.own-account': memberOnly,
  'member.withdraw-self': (actor, s) => policies.isMemberSelf(actor, s.memberId),
  'member.renew-own-consent': (actor, s) => policies.isMemberSelf(actor, s.memberId),
  'card.report-own-lost': (actor, s) => policies.isMemberSelf(actor, s.memberId),
  'member.register': staffOnly,
  'member.verify': (actor, s) =>
    policies.isStaff(actor) && policies.canServeAtLibrary(actor, s.homeLibraryId),
  'member.check-in': staffWithCard,
  'member.scan-card': staffWithCard,
  'member.view': staffHolding,
  'member.view-loans': staffHolding,
  'member.view-holds': staffHolding,
  'member.view-requests': staffHolding,
  'member.view-cards': (actor, s) =>
    policies.isMemberSelf(actor, s.memberId) || staffHolding(actor, s),
  'member.reset-credentials': staffHolding,
  'member.withdraw': staffHolding,
  'member.renew-consent': staffHolding,
  'member.edit-contact': (actor, s) =>
    policies.isMemberSelf(actor, s.memberId) || staffHolding(actor, s),
  'member.notices': (actor, s) =>
    policies.isMemberSelf(actor, s.memberId) || staffHolding(actor, s),
  'card.report-lost': staffHolding,
  'card.reissue': staffHolding,
  'card.block': (actor) => actor?.kind === 'terminal',
  'card.unblock': staffHolding,
  'library.manage': (actor, s) => policies.canManageLibrary(actor, s.libraryId),
  'library.view-holdings': (actor, s) =>
    policies.canServeAtLibrary(actor, s.libraryId) || policies.canManageNetwork(actor),
  'network.manage': (actor) => policies.canManageNetwork(actor),
  'staff.manage': (actor, s) => policies.canManageStaff(actor, s.libraryId, s.role),
  'staff.reset-password': (actor, s) => policies.canManageStaff(actor, s.libraryId, s.role),
  'terminal.manage': (actor, s) => policies.canManageLibrary(actor, s.libraryId),
  'audit.read': (actor, s) => policies.canReadAudit(actor, s.libraryId),
  'statistics.read': (actor, s) =>
    policies.canManageNetwork(actor) ||
    (policies.isStaff(actor) &&
      actor.role === 'library_admin' &&
      (s.libraryId === null || policies.canManageLibrary(actor, s.libraryId))),
  'notices.administer': (actor, s) =>
    policies.canManageNetwork(actor) ||
    (policies.isStaff(actor) &&
      actor.role === 'library_admin' &&
      (s.libraryId === null || policies.canManageLibrary(actor, s.libraryId))),
  'request.place': (actor, s) => policies.isMemberSelf(actor, s.memberId),
  'request.cancel': (actor, s) => s.memberId !== null && policies.isMemberSelf(actor, s.memberId),
  'request.desk': (actor, s) => atDesk(actor) && actor.libraryId === s.libraryId,
};

/** Whether the actor may do the action on the subject. */
export function can<A extends Action>(
  actor: Actor | null,
  action: A,
  subject: SubjectOf<A>,
): boolean {
  return POLICIES[action](actor, subject);
}

/** Throws FORBIDDEN (UNAUTHENTICATED for nobody) unless the actor may do the action. */
export function authorize<A extends Action>(
  actor: Actor | null,
  action: A,
  subject: SubjectOf<A>,
  refusal?: Record<string, string>,
): void {
  if (can(actor, action, subject)) return;
  throw actor === null ? new AppError('UNAUTHENTICATED') : new AppError('FORBIDDEN', refusal);
}

/** `authorize` for a desk action, narrowing the actor to the desk or machine it is. */
export function authorizeDesk(
  actor: Actor | null,
  action: 'loan.checkout' | 'loan.return' | 'loan.renew-at-desk',
): StaffActor | TerminalActor {
  authorize(actor, action, {});
  if (!atDesk(actor)) throw new AppError('FORBIDDEN');
  return actor;
}

/** `authorize` for a staff action, narrowing the actor. */
export function authorizeStaff<A extends Action>(
  actor: Actor | null,
  action: A,
  subject: SubjectOf<A>,
  refusal?: Record<string, string>,
): StaffActor {
  authorize(actor, action, subject, refusal);
  if (!policies.isStaff(actor)) throw new AppError('FORBIDDEN');
  return actor;
}

export const ACTIONS = Object.keys(POLICIES) as Action[];
