import type { StaffRole } from '../db/schema.js';
import type { Actor } from './actor.js';

/**
 * Who may do what, as small named rules. Staff belong to one library and act only there; a
 * library admin runs their own library; the network admin runs the network. Members see only
 * themselves. Every front door asks these, never its own conditions.
 */

export function isStaff(actor: Actor | null): actor is Extract<Actor, { kind: 'staff' }> {
  return actor?.kind === 'staff';
}

/** Desk work (register, verify, check in, lend, return) at library L: staff of L only. */
export function canServeAtLibrary(actor: Actor | null, libraryId: number): boolean {
  return (actor?.kind === 'staff' || actor?.kind === 'terminal') && actor.libraryId === libraryId;
}

/** Loan rules, calendar, holdings and terminals of library L. */
export function canManageLibrary(actor: Actor | null, libraryId: number): boolean {
  if (!isStaff(actor)) return false;
  if (actor.role === 'network_admin') return true;
  return actor.role === 'library_admin' && actor.libraryId === libraryId;
}

/** Libraries, check-in groups and network rules. */
export function canManageNetwork(actor: Actor | null): boolean {
  return isStaff(actor) && actor.role === 'network_admin';
}

/** Staff accounts of library L with a given role; nobody but the network admin makes network admins. */
export function canManageStaff(actor: Actor | null, libraryId: number, role: StaffRole): boolean {
  if (!isStaff(actor)) return false;
  if (actor.role === 'network_admin') return true;
  return (
    actor.role === 'library_admin' && actor.libraryId === libraryId && role !== 'network_admin'
  );
}

/** A member's own account: the member, nobody else through the member portal. */
export function isMemberSelf(actor: Actor | null, memberId: number): boolean {
  return actor?.kind === 'member' && actor.memberId === memberId;
}

/** Looking a member up (with the privacy split applied to what is shown): any staff, or the member. */
export function canLookUpMember(actor: Actor | null, memberId: number): boolean {
  return isStaff(actor) || isMemberSelf(actor, memberId);
}

/** The audit log: the network admin sees all of it, a library admin their library's part. */
export function canReadAudit(actor: Actor | null, libraryId: number | null): boolean {
  if (!isStaff(actor)) return false;
  if (actor.role === 'network_admin') return true;
  return actor.role === 'library_admin' && libraryId !== null && actor.libraryId === libraryId;
}
