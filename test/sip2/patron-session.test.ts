import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_MEMBER_PIN, demoCardNumber } from '../../src/seed/demo-accounts.js';
import { PATRON_SESSION_IDLE_MS } from '../../src/sip2/acs/patron-session.js';
import { testDatabaseKind } from '../support/database.js';
import { addItems, GN, type Sip2TestBed, startSip2TestBed } from './support.js';

/** Every Argon2id verification of a stored secret. */
const verified = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/platform/auth/secrets.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/platform/auth/secrets.js')>();
  return {
    ...original,
    verifySecret: (...args: Parameters<typeof original.verifySecret>) => {
      if (args[0] !== null) verified.count++;
      return original.verifySecret(...args);
    },
  };
});

const MINJUN = demoCardNumber(1);
const SEOYEON = demoCardNumber(2);

/**
 * A machine's patron session: the PIN a kiosk puts on 23, 63 and every 11 is verified (Argon2id,
 * with the lockout) once per patron session, not once per message, and the lockout still holds.
 */
describe(`SIP2 patron sessions (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  beforeAll(async () => {
    bed = await startSip2TestBed();
    await addItems(
      bed.t.db,
      GN,
      Array.from({ length: 8 }, (_, i) => ({ barcode: `PS-${i}`, title: `세션 ${i}` })),
    );
  });
  afterAll(async () => bed?.close());

  const lend = (
    machine: Awaited<ReturnType<Sip2TestBed['terminal']>>,
    card: string,
    item: string,
    pin = DEMO_MEMBER_PIN,
  ) => machine.checkout({ patronIdentifier: card, itemIdentifier: item, patronPassword: pin });
  const giveBack = async (machine: Awaited<ReturnType<Sip2TestBed['terminal']>>, item: string) =>
    expect(await machine.checkin({ itemIdentifier: item, currentLocation: GN })).toMatchObject({
      ok: true,
    });

  it('verifies the PIN once for 23 and the checkouts that follow, and again after 35', async () => {
    const machine = await bed.terminal(GN);
    verified.count = 0;
    const status = await machine.patronStatus({
      patronIdentifier: MINJUN,
      patronPassword: DEMO_MEMBER_PIN,
    });
    expect(status.validPatronPassword).toBe(true);
    expect((await lend(machine, MINJUN, 'PS-0')).ok).toBe(true);
    expect((await lend(machine, MINJUN, 'PS-1')).ok).toBe(true);
    expect(verified.count).toBe(1);
    // A kiosk that asks for the PIN once, at the patron's sign-in, sends none on its checkouts:
    // they are the verified patron's.
    const bare = await machine.checkout({ patronIdentifier: MINJUN, itemIdentifier: 'PS-2' });
    expect(bare.ok, bare.screenMessage).toBe(true);
    await giveBack(machine, 'PS-2');
    await machine.endSession({ patronIdentifier: MINJUN });
    // After 35 End Patron Session, a message without the PIN is refused again.
    const after = await machine.checkout({ patronIdentifier: MINJUN, itemIdentifier: 'PS-2' });
    expect(after.screenMessage).toContain('[PIN_REQUIRED]');
    expect((await lend(machine, MINJUN, 'PS-2')).ok).toBe(true);
    expect(verified.count).toBe(2);
    for (const item of ['PS-0', 'PS-1', 'PS-2']) await giveBack(machine, item);
  });

  it('takes no PIN-less message as the session patron’s after another card, the idle timeout, or on another machine', async () => {
    const machine = await bed.terminal(GN);
    expect((await lend(machine, MINJUN, 'PS-3')).ok).toBe(true);
    const elsewhere = await bed.terminal(GN);
    const other = await elsewhere.checkout({ patronIdentifier: MINJUN, itemIdentifier: 'PS-4' });
    expect(other.screenMessage).toContain('[PIN_REQUIRED]');
    await machine.patronStatus({ patronIdentifier: SEOYEON, patronPassword: DEMO_MEMBER_PIN });
    const afterCard = await machine.checkout({ patronIdentifier: MINJUN, itemIdentifier: 'PS-4' });
    expect(afterCard.screenMessage).toContain('[PIN_REQUIRED]');
    expect((await lend(machine, MINJUN, 'PS-4')).ok).toBe(true);
    bed.t.clock.advanceMinutes(PATRON_SESSION_IDLE_MS / 60_000 + 1);
    const idle = await machine.checkout({ patronIdentifier: MINJUN, itemIdentifier: 'PS-5' });
    expect(idle.screenMessage).toContain('[PIN_REQUIRED]');
    for (const item of ['PS-3', 'PS-4']) await giveBack(machine, item);
  });

  it('verifies again after another card, a wrong PIN, or the idle timeout', async () => {
    const machine = await bed.terminal(GN);
    verified.count = 0;
    expect((await lend(machine, MINJUN, 'PS-3')).ok).toBe(true);
    // Another patron at the machine (not checked in here: the answer says so, the PIN is right).
    const next = await machine.patronStatus({
      patronIdentifier: SEOYEON,
      patronPassword: DEMO_MEMBER_PIN,
    });
    expect(next.validPatronPassword).toBe(true);
    expect((await lend(machine, MINJUN, 'PS-5')).ok).toBe(true);
    expect(verified.count).toBe(3);
    // A wrong PIN is verified and counted, and ends the session.
    const wrong = await lend(machine, MINJUN, 'PS-6', '0000');
    expect(wrong.ok).toBe(false);
    expect(wrong.screenMessage).toContain('[INVALID_CREDENTIALS]');
    expect(verified.count).toBe(4);
    expect((await lend(machine, MINJUN, 'PS-6')).ok).toBe(true);
    expect(verified.count).toBe(5);
    bed.t.clock.advanceMinutes(PATRON_SESSION_IDLE_MS / 60_000 + 1);
    expect((await lend(machine, MINJUN, 'PS-7')).ok).toBe(true);
    expect(verified.count).toBe(6);
    for (const item of ['PS-3', 'PS-5', 'PS-6', 'PS-7']) await giveBack(machine, item);
  });

  it('refuses the session’s PIN once the card is locked by wrong PINs elsewhere', async () => {
    const machine = await bed.terminal(GN);
    expect((await lend(machine, MINJUN, 'PS-0')).ok).toBe(true);
    const other = await bed.terminal(GN);
    for (let i = 0; i < 5; i++) {
      await other.patronStatus({ patronIdentifier: MINJUN, patronPassword: `9${i}99` });
    }
    const after = await lend(machine, MINJUN, 'PS-1');
    expect(after.ok).toBe(false);
    expect(after.screenMessage).toContain('[SIGN_IN_LOCKED]');
    await giveBack(machine, 'PS-0');
  });
});
