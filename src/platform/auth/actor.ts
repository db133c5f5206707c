import type { StaffRole } from '../db/schema.js';

/** Who is acting: a staff member at their library, a member, or a self-check terminal. */
export type Actor =
  | { kind: 'staff'; staffId: number; libraryId: number; role: StaffRole }
  | { kind: 'member'; memberId: number }
  | { kind: 'terminal'; terminalId: number; libraryId: number };

export type StaffActor = Extract<Actor, { kind: 'staff' }>;
export type MemberActor = Extract<Actor, { kind: 'member' }>;
export type TerminalActor = Extract<Actor, { kind: 'terminal' }>;

/** The audit log's view of an actor. */
export function auditActor(actor: Actor | null): {
  kind: 'staff' | 'member' | 'terminal' | 'system';
  id: number | null;
  libraryId: number | null;
} {
  if (!actor) return { kind: 'system', id: null, libraryId: null };
  switch (actor.kind) {
    case 'staff':
      return { kind: 'staff', id: actor.staffId, libraryId: actor.libraryId };
    case 'member':
      return { kind: 'member', id: actor.memberId, libraryId: null };
    case 'terminal':
      return { kind: 'terminal', id: actor.terminalId, libraryId: actor.libraryId };
  }
}
