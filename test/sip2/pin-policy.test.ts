import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEMBER_PIN, demoCardNumber } from '../../src/seed/demo-accounts.js';
import { testDatabaseKind } from '../support/database.js';
import { staffClient } from '../support/http.js';
import { addItems, GN, type Sip2TestBed, startSip2TestBed, YONAM } from './support.js';

const MINJUN = demoCardNumber(1); // home: Gyeongnamdaepyo
const SEOYEON = demoCardNumber(2);

/** The network rule "machines require the PIN", and a locked PIN refused on every SIP2 path. */
describe(`SIP2 PIN policy (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  beforeAll(async () => {
    bed = await startSip2TestBed();
    await addItems(bed.t.db, GN, [
      { barcode: 'PIN-1', title: '첫째' },
      { barcode: 'PIN-2', title: '둘째' },
    ]);
  });
  afterAll(async () => bed?.close());

  it('is on for a new network: checkout and patron information without the PIN are refused', async () => {
    const rules = await bed.t.db
      .selectFrom('network_rules')
      .select('machines_require_pin')
      .executeTakeFirstOrThrow();
    expect(rules.machines_require_pin).toBe(true);
    const machine = await bed.terminal(GN);
    const withoutPin = await machine.checkout({
      patronIdentifier: MINJUN,
      itemIdentifier: 'PIN-1',
    });
    expect(withoutPin).toMatchObject({ code: '12', ok: false });
    expect(withoutPin.screenMessage).toContain('[PIN_REQUIRED]');
    const info = await machine.patronInformation({ patronIdentifier: MINJUN, summary: 'charged' });
    expect(info.screenMessage).toContain('[PIN_REQUIRED]');
    expect(info.patronStatus.chargePrivilegesDenied).toBe(true);
    const withPin = await machine.checkout({
      patronIdentifier: MINJUN,
      itemIdentifier: 'PIN-1',
      patronPassword: DEMO_MEMBER_PIN,
    });
    expect(withPin).toMatchObject({ code: '12', ok: true });
    // Another machine, whose session never verified the PIN.
    const other = await bed.terminal(GN);
    const renewal = await other.renew({ patronIdentifier: MINJUN, itemIdentifier: 'PIN-1' });
    expect(renewal).toMatchObject({ code: '30', ok: false });
    expect(renewal.screenMessage).toContain('[PIN_REQUIRED]');
  });

  it('the network admin can turn it off over HTTP', async () => {
    const admin = await staffClient(bed.t.app, 'network-admin');
    const current = (await admin.get('/api/v1/network-rules')).json();
    const changed = await admin.put('/api/v1/network-rules', {
      networkLoanLimit: current.networkLoanLimit,
      suspensionMode: current.suspensionMode,
      maxSuspensionDays: current.maxSuspensionDays,
      machinesRequirePin: false,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().machinesRequirePin).toBe(false);
    const machine = await bed.terminal(GN);
    const withoutPin = await machine.checkout({
      patronIdentifier: MINJUN,
      itemIdentifier: 'PIN-2',
    });
    expect(withoutPin).toMatchObject({ code: '12', ok: true });
  });

  it('a member with no PIN yet (joined online) is told where to choose one, and no wrong try is counted', async () => {
    const member = await bed.t.db
      .selectFrom('cards')
      .innerJoin('members', 'members.id', 'cards.member_id')
      .select(['member_id', 'pin_hash'])
      .where('number', '=', SEOYEON)
      .executeTakeFirstOrThrow();
    await bed.t.db
      .updateTable('members')
      .set({ pin_hash: null })
      .where('id', '=', member.member_id)
      .execute();
    const machine = await bed.terminal(YONAM);
    const notSet =
      "[PIN_REQUIRED] 이 카드에는 아직 자가대출기 PIN이 없습니다. 홈페이지 '내 정보'에서 PIN을 정하면 자가대출기를 쓸 수 있습니다. 그때까지는 안내데스크에서 빌려 주세요.";
    for (let i = 0; i < 6; i++) {
      const typed = await machine.patronStatus({
        patronIdentifier: SEOYEON,
        patronPassword: '1234',
      });
      expect(typed.validPatronPassword).toBe(false);
      expect(typed.screenMessage).toBe(notSet);
    }
    const row = await bed.t.db
      .selectFrom('members')
      .select(['failed_sign_ins', 'sign_in_locked_until'])
      .where('id', '=', member.member_id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_sign_ins: 0, sign_in_locked_until: null });
    await bed.t.db
      .updateTable('members')
      .set({ pin_hash: member.pin_hash })
      .where('id', '=', member.member_id)
      .execute();
  });

  it('refuses a card whose PIN is locked on every path, with or without a PIN', async () => {
    const machine = await bed.terminal(GN);
    for (let i = 0; i < 5; i++) {
      await machine.patronStatus({ patronIdentifier: MINJUN, patronPassword: '0000' });
    }
    const checkout = await machine.checkout({ patronIdentifier: MINJUN, itemIdentifier: 'PIN-1' });
    expect(checkout).toMatchObject({ code: '12', ok: false });
    expect(checkout.screenMessage).toContain('[SIGN_IN_LOCKED]');
    const renewal = await machine.renew({ patronIdentifier: MINJUN, itemIdentifier: 'PIN-2' });
    expect(renewal.screenMessage).toContain('[SIGN_IN_LOCKED]');
    const status = await machine.patronStatus({ patronIdentifier: MINJUN, patronPassword: '' });
    expect(status.screenMessage).toContain('[SIGN_IN_LOCKED]');
    expect(status.patronStatus.chargePrivilegesDenied).toBe(true);
    const info = await machine.patronInformation({ patronIdentifier: MINJUN, summary: 'charged' });
    expect(info.screenMessage).toContain('[SIGN_IN_LOCKED]');
  });

  it('a right PIN on a blocked card answers CQ=Y with BL=N; a wrong one CQ=N', async () => {
    await bed.t.db
      .updateTable('cards')
      .set({ blocked_at: bed.t.clock.now(), blocked_reason: 'test' })
      .where('number', '=', SEOYEON)
      .execute();
    const machine = await bed.terminal(GN);
    const right = await machine.patronStatus({
      patronIdentifier: SEOYEON,
      patronPassword: DEMO_MEMBER_PIN,
    });
    expect(right).toMatchObject({ validPatron: false, validPatronPassword: true });
    expect(right.screenMessage).toContain('[CARD_BLOCKED]');
    expect(right.personalName).toBe('');
    const wrong = await machine.patronStatus({ patronIdentifier: SEOYEON, patronPassword: '0000' });
    expect(wrong).toMatchObject({ validPatron: false, validPatronPassword: false });
    // The card stays refused for lending whatever the PIN.
    const checkout = await machine.checkout({
      patronIdentifier: SEOYEON,
      patronPassword: DEMO_MEMBER_PIN,
      itemIdentifier: 'PIN-1',
    });
    expect(checkout.screenMessage).toContain('[CARD_BLOCKED]');
  });
});
