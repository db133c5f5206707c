import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../db/schema.js';
import type { Actor } from './actor.js';
import {
  canLookUpMember,
  canManageLibrary,
  canManageNetwork,
  canManageStaff,
  canReadAudit,
  canServeAtLibrary,
  isMemberSelf,
} from './policies.js';

const A = 1;
const B = 2;
const staff = (role: StaffRole, libraryId = A): Actor => ({
  kind: 'staff',
  staffId: 10,
  libraryId,
  role,
});
const desk = staff('desk');
const libraryAdmin = staff('library_admin');
const networkAdmin = staff('network_admin');
const member: Actor = { kind: 'member', memberId: 7 };
const terminal: Actor = { kind: 'terminal', terminalId: 3, libraryId: A };

describe('authorization policies', () => {
  it.each([
    ['desk of A serves at A', canServeAtLibrary(desk, A), true],
    ['desk of A cannot serve at B', canServeAtLibrary(desk, B), false],
    ['library admin of A cannot serve at B', canServeAtLibrary(libraryAdmin, B), false],
    ['network admin of A cannot lend at B', canServeAtLibrary(networkAdmin, B), false],
    ['terminal of A serves at A', canServeAtLibrary(terminal, A), true],
    ['terminal of A cannot serve at B', canServeAtLibrary(terminal, B), false],
    ['a member is not a desk', canServeAtLibrary(member, A), false],
    ['nobody signed in serves nowhere', canServeAtLibrary(null, A), false],
    ['desk cannot change rules', canManageLibrary(desk, A), false],
    ['library admin changes own rules', canManageLibrary(libraryAdmin, A), true],
    ['library admin cannot change B', canManageLibrary(libraryAdmin, B), false],
    ['network admin changes any library', canManageLibrary(networkAdmin, B), true],
    ['a member cannot change rules', canManageLibrary(member, A), false],
    ['desk cannot manage staff', canManageStaff(desk, A, 'desk'), false],
    ['library admin adds desk staff at A', canManageStaff(libraryAdmin, A, 'desk'), true],
    ['library admin cannot add staff at B', canManageStaff(libraryAdmin, B, 'desk'), false],
    [
      'library admin cannot make network admins',
      canManageStaff(libraryAdmin, A, 'network_admin'),
      false,
    ],
    ['network admin makes network admins', canManageStaff(networkAdmin, B, 'network_admin'), true],
    ['only the network admin manages the network', canManageNetwork(networkAdmin), true],
    ['library admin does not manage the network', canManageNetwork(libraryAdmin), false],
    ['desk does not manage the network', canManageNetwork(desk), false],
    ['a member sees themselves', isMemberSelf(member, 7), true],
    ['a member does not see others', isMemberSelf(member, 8), false],
    ['staff are not members', isMemberSelf(desk, 7), false],
    ['a member cannot look up another member', canLookUpMember(member, 8), false],
    ['staff look members up (privacy split applies)', canLookUpMember(desk, 8), true],
    ['network admin reads the whole audit log', canReadAudit(networkAdmin, null), true],
    ['library admin reads own library audit', canReadAudit(libraryAdmin, A), true],
    ['library admin cannot read B audit', canReadAudit(libraryAdmin, B), false],
    ['library admin cannot read the whole audit log', canReadAudit(libraryAdmin, null), false],
    ['desk cannot read the audit log', canReadAudit(desk, A), false],
  ])('%s', (_rule, actual, expected) => {
    expect(actual).toBe(expected);
  });
});
