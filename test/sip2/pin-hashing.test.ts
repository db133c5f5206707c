import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashSecret } from '../../src/platform/auth/secrets.js';
import { databaseTraffic } from '../../src/platform/db/traffic.js';
import { walkIn } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import { type Client, memberClient, staffClient } from '../support/http.js';
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

/** The PIN settings (src/platform/auth/secrets.ts) and the password's, as a hash records them. */
const PIN_SETTINGS = { m: 2048, t: 2, p: 1 };
const PASSWORD_SETTINGS = { m: 19456, t: 2, p: 1 };

function settingsOf(hash: string | null) {
  const [, kind, , settings] = (hash ?? '').split('$');
  if (kind !== 'argon2id' || !settings) throw new Error(`not an Argon2id hash: ${hash}`);
  const values = Object.fromEntries(settings.split(',').map((pair) => pair.split('=')));
  return { m: Number(values.m), t: Number(values.t), p: Number(values.p) };
}

/**
 * A PIN is hashed at a PIN's cost (docs/decisions.md, "PIN hashing"), and a PIN hashed at the
 * old cost (the password's) still opens the machine and is hashed again at the PIN's cost after
 * its first right use — never after a wrong one, and never past the lockout.
 */
describe(`PIN hashing (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  let desk: Client;
  beforeAll(async () => {
    bed = await startSip2TestBed();
    desk = await staffClient(bed.t.app, 'gyeongnamdaepyo-desk');
    await addItems(bed.t.db, GN, [{ barcode: 'PH-1', title: '핀 1' }]);
  });
  afterAll(async () => bed?.close());

  const hashesOf = (memberId: number) =>
    bed.t.db
      .selectFrom('members')
      .select(['pin_hash', 'password_hash'])
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow();

  /** A member registered at the desk with PIN 2468, whose PIN is then stored the old way. */
  async function memberWithOldPinHash() {
    const member = await walkIn(desk);
    const old = await hashSecret('2468', 'password');
    await bed.t.db
      .updateTable('members')
      .set({ pin_hash: old })
      .where('id', '=', member.id)
      .execute();
    expect(settingsOf(old)).toEqual(PASSWORD_SETTINGS);
    return { ...member, old };
  }

  it('hashes a PIN with the PIN settings when the desk registers it, the member changes it or the desk resets it', async () => {
    const member = await walkIn(desk);
    const registered = await hashesOf(member.id);
    expect(settingsOf(registered.pin_hash)).toEqual(PIN_SETTINGS);
    expect(settingsOf(registered.password_hash)).toEqual(PASSWORD_SETTINGS);

    const portal = await memberClient(bed.t.app, member.card, 'member password');
    const changed = await portal.post('/api/v1/me/pin', {
      currentPassword: 'member password',
      newPin: '135790',
    });
    expect(changed.statusCode).toBe(200);
    const afterChange = await hashesOf(member.id);
    expect(afterChange.pin_hash).not.toBe(registered.pin_hash);
    expect(settingsOf(afterChange.pin_hash)).toEqual(PIN_SETTINGS);

    const reset = await desk.post(`/api/v1/members/${member.id}/credentials`, {
      idDocumentType: 'passport',
      pin: '8642',
    });
    expect(reset.statusCode).toBe(200);
    const afterReset = await hashesOf(member.id);
    expect(afterReset.pin_hash).not.toBe(afterChange.pin_hash);
    expect(settingsOf(afterReset.pin_hash)).toEqual(PIN_SETTINGS);

    const machine = await bed.terminal(GN);
    const status = await machine.patronStatus({
      patronIdentifier: member.card,
      patronPassword: '8642',
    });
    expect(status.validPatronPassword).toBe(true);
  });

  it('lets a PIN stored with the old settings in, and stores it again with the PIN settings; a wrong PIN changes nothing', async () => {
    const member = await memberWithOldPinHash();
    const machine = await bed.terminal(GN);
    const wrong = await machine.patronStatus({
      patronIdentifier: member.card,
      patronPassword: '1357',
    });
    expect(wrong.validPatronPassword).toBe(false);
    expect((await hashesOf(member.id)).pin_hash).toBe(member.old);

    verified.count = 0;
    const before = databaseTraffic.roundTrips;
    const right = await machine.patronStatus({
      patronIdentifier: member.card,
      patronPassword: '2468',
    });
    const rehashingTrips = databaseTraffic.roundTrips - before;
    expect(right.validPatronPassword).toBe(true);
    const rehashed = (await hashesOf(member.id)).pin_hash;
    expect(rehashed).not.toBe(member.old);
    expect(settingsOf(rehashed)).toEqual(PIN_SETTINGS);

    // The patron session goes on with the new hash: the checkout needs no other PIN check.
    const lent = await machine.checkout({
      patronIdentifier: member.card,
      patronPassword: '2468',
      itemIdentifier: 'PH-1',
    });
    expect(lent.ok).toBe(true);
    expect(verified.count).toBe(1);
    expect((await machine.checkin({ itemIdentifier: 'PH-1', currentLocation: GN })).ok).toBe(true);
    await machine.endSession({ patronIdentifier: member.card });

    // On another machine the new hash opens with the same PIN, refuses another, and stays.
    // The new hash is written in the UPDATE that clears the count: no round trip more than a
    // right PIN that needs no new hash.
    const other = await bed.terminal(GN);
    const start = databaseTraffic.roundTrips;
    expect(
      (await other.patronStatus({ patronIdentifier: member.card, patronPassword: '2468' }))
        .validPatronPassword,
    ).toBe(true);
    expect(databaseTraffic.roundTrips - start).toBe(rehashingTrips);
    expect(
      (await other.patronStatus({ patronIdentifier: member.card, patronPassword: '1357' }))
        .validPatronPassword,
    ).toBe(false);
    expect((await hashesOf(member.id)).pin_hash).toBe(rehashed);
  });

  it('keeps the lockout for a PIN stored with the old settings: locked after five wrong PINs, the right one refused and not stored again', async () => {
    const member = await memberWithOldPinHash();
    const machine = await bed.terminal(GN);
    for (let i = 0; i < 5; i++) {
      await machine.patronStatus({ patronIdentifier: member.card, patronPassword: `9${i}99` });
    }
    const locked = await machine.patronStatus({
      patronIdentifier: member.card,
      patronPassword: '2468',
    });
    expect(locked.validPatronPassword).toBe(false);
    expect(locked.screenMessage).toContain('[SIGN_IN_LOCKED]');
    expect((await hashesOf(member.id)).pin_hash).toBe(member.old);

    bed.t.clock.advanceMinutes(11);
    const after = await machine.patronStatus({
      patronIdentifier: member.card,
      patronPassword: '2468',
    });
    expect(after.validPatronPassword).toBe(true);
    expect(settingsOf((await hashesOf(member.id)).pin_hash)).toEqual(PIN_SETTINGS);
  });
});
