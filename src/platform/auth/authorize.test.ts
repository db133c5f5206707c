import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { Actor } from './actor.js';
import { ACTIONS, authorize, authorizeDesk, can } from './authorize.js';

const A = 1;
const B = 2;
const desk: Actor = { kind: 'staff', staffId: 1, libraryId: A, role: 'desk' };
const libraryAdmin: Actor = { kind: 'staff', staffId: 2, libraryId: A, role: 'library_admin' };
const networkAdmin: Actor = { kind: 'staff', staffId: 3, libraryId: A, role: 'network_admin' };
const member: Actor = { kind: 'member', memberId: 7 };
const terminal: Actor = { kind: 'terminal', terminalId: 4, libraryId: A };

describe('authorize(actor, action, subject)', () => {
  it.each([
    ['a desk lends', can(desk, 'loan.checkout', {}), true],
    ['a machine lends', can(terminal, 'loan.checkout', {}), true],
    ['a member does not lend', can(member, 'loan.checkout', {}), false],
    ['nobody lends', can(null, 'loan.return', {}), false],
    ['a member renews online', can(member, 'loan.renew-online', {}), true],
    ['a desk does not renew online', can(desk, 'loan.renew-online', {}), false],
    ['a desk verifies at the home library', can(desk, 'member.verify', { homeLibraryId: A }), true],
    ['not at another', can(desk, 'member.verify', { homeLibraryId: B }), false],
    ['a machine never verifies', can(terminal, 'member.verify', { homeLibraryId: A }), false],
    ['cards: the member', can(member, 'member.view-cards', { memberId: 7, heldHere: false }), true],
    [
      'not another member',
      can(member, 'member.view-cards', { memberId: 8, heldHere: false }),
      false,
    ],
    ['staff holding', can(desk, 'member.view-cards', { memberId: 8, heldHere: true }), true],
    ['staff not holding', can(desk, 'member.view-cards', { memberId: 8, heldHere: false }), false],
    ['reset where held', can(desk, 'member.reset-credentials', { heldHere: true }), true],
    ['not where not held', can(desk, 'member.reset-credentials', { heldHere: false }), false],
    ['withdraw oneself', can(member, 'member.withdraw-self', { memberId: 7 }), true],
    ['not someone else', can(member, 'member.withdraw-self', { memberId: 8 }), false],
    ['a machine blocks a card', can(terminal, 'card.block', {}), true],
    ['a desk does not block', can(desk, 'card.block', {}), false],
    ['staff holding the member unblock', can(desk, 'card.unblock', { heldHere: true }), true],
    ['not staff elsewhere', can(desk, 'card.unblock', { heldHere: false }), false],
    ['a machine does not unblock', can(terminal, 'card.unblock', { heldHere: true }), false],
    ['a desk sees a member it holds', can(desk, 'member.view', { heldHere: true }), true],
    ['not one it does not hold', can(desk, 'member.view', { heldHere: false }), false],
    ['check-in with the card', can(desk, 'member.check-in', { cardPresented: true }), true],
    ['not by id alone', can(desk, 'member.check-in', { cardPresented: false }), false],
    ['holdings at own library', can(desk, 'library.view-holdings', { libraryId: A }), true],
    ['not at another', can(desk, 'library.view-holdings', { libraryId: B }), false],
    [
      'the network admin anywhere',
      can(networkAdmin, 'library.view-holdings', { libraryId: B }),
      true,
    ],
    ['statistics: a desk none', can(desk, 'statistics.read', { libraryId: null }), false],
    ['own library admin', can(libraryAdmin, 'statistics.read', { libraryId: null }), true],
    ['not another library', can(libraryAdmin, 'statistics.read', { libraryId: B }), false],
    ['the network admin all', can(networkAdmin, 'statistics.read', { libraryId: B }), true],
    [
      'no network admins by a library admin',
      can(libraryAdmin, 'staff.manage', { libraryId: A, role: 'network_admin' }),
      false,
    ],
    ['audit of own library', can(libraryAdmin, 'audit.read', { libraryId: A }), true],
    ['not the whole log', can(libraryAdmin, 'audit.read', { libraryId: null }), false],
  ])('%s', (_, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('refuses nobody with UNAUTHENTICATED and anyone else with FORBIDDEN', () => {
    const codeOf = (run: () => void) => {
      try {
        run();
        return 'allowed';
      } catch (error) {
        return error instanceof AppError ? error.code : 'other';
      }
    };
    expect(codeOf(() => authorize(null, 'network.manage', {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => authorize(libraryAdmin, 'network.manage', {}))).toBe('FORBIDDEN');
    expect(codeOf(() => authorize(networkAdmin, 'network.manage', {}))).toBe('allowed');
    expect(authorizeDesk(terminal, 'loan.return')).toBe(terminal);
  });

  it('every action refuses nobody', () => {
    const subject = {
      libraryId: A,
      memberId: 7,
      heldHere: true,
      cardPresented: true,
      homeLibraryId: A,
      role: 'desk',
    };
    for (const action of ACTIONS) expect(can(null, action, subject as never)).toBe(false);
  });
});
