import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TERMINAL_PASSWORD, terminalUsername } from '../../src/modules/terminals/terminals.js';
import { demoCardNumber } from '../../src/seed/demo-accounts.js';
import { GN, type Sip2TestBed, startSip2TestBed } from '../sip2/support.js';
import { testDatabaseKind } from '../support/database.js';
import { type Client, memberClient, staffClient } from '../support/http.js';

/** Accounts that can be managed: resets, disabling, rotation, contact details; all audited. */
describe(`managing accounts (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  let admin: Client;
  const idOf = async (table: 'staff' | 'terminals', username: string) =>
    (
      await bed.t.db
        .selectFrom(table)
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;
  const audited = async (action: string) =>
    bed.t.db
      .selectFrom('audit_events')
      .select(['actor_kind', 'subject_id'])
      .where('action', '=', action)
      .execute();

  beforeAll(async () => {
    bed = await startSip2TestBed();
    admin = await staffClient(bed.t.app, 'gyeongnamdaepyo-admin');
  });
  afterAll(async () => bed?.close());

  it('a reset gives a one-time password that only lets its owner choose a new one', async () => {
    const deskId = await idOf('staff', 'gyeongnamdaepyo-desk');
    const oldSession = await staffClient(bed.t.app, 'gyeongnamdaepyo-desk');
    const reset = await admin.post(`/api/v1/staff/${deskId}/password-reset`);
    expect(reset.statusCode, reset.body).toBe(200);
    const oneTime = reset.json().oneTimePassword as string;
    expect((await oldSession.get('/api/v1/staff/me')).statusCode).toBe(401);

    const desk = await staffClient(bed.t.app, 'gyeongnamdaepyo-desk', oneTime);
    expect((await desk.get('/api/v1/staff/me')).json().mustChangePassword).toBe(true);
    const refused = await desk.get(`/api/v1/cards/${demoCardNumber(1)}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await desk.post('/api/v1/staff/me/password', {
      currentPassword: oneTime,
      newPassword: 'my own desk password',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await desk.get(`/api/v1/cards/${demoCardNumber(1)}`)).statusCode).toBe(200);
    expect(await audited('staff.password_reset')).toEqual([
      { actor_kind: 'staff', subject_id: String(deskId) },
    ]);
  });

  it('a disabled terminal cannot log in; a rotated password replaces the old one', async () => {
    const username = terminalUsername(GN);
    const terminalId = await idOf('terminals', username);
    const off = await admin.post(`/api/v1/terminals/${terminalId}/disabled`, { disabled: true });
    expect(off.statusCode, off.body).toBe(200);
    const login = async (password: string) =>
      (await (await bed.client()).login({ loginUserId: username, loginPassword: password })).ok;
    expect(await login(DEMO_TERMINAL_PASSWORD)).toBe(false);
    await admin.post(`/api/v1/terminals/${terminalId}/disabled`, { disabled: false });
    expect(await login(DEMO_TERMINAL_PASSWORD)).toBe(true);

    const rotated = await admin.post(`/api/v1/terminals/${terminalId}/password`, {
      password: 'a rotated sip2 password',
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(await login(DEMO_TERMINAL_PASSWORD)).toBe(false);
    expect(await login('a rotated sip2 password')).toBe(true);
    expect((await audited('terminal.password_rotated')).length).toBe(1);
    expect((await audited('terminal.disabled')).length).toBe(1);
  });

  it('members change their contact details, and so does the desk of a library holding them', async () => {
    const member = await memberClient(bed.t.app, demoCardNumber(1), 'library-one-member');
    const own = await member.patch('/api/v1/me/contact', { email: 'new@example.kr' });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toEqual({ phone: '01020260001', email: 'new@example.kr' });
    const nowhere = await member.patch('/api/v1/me/contact', { phone: null, email: null });
    expect(nowhere.json().code).toBe('VALIDATION_FAILED');

    const desk = await staffClient(bed.t.app, 'jinju-yonam-desk');
    const memberId = (await member.get('/api/v1/me')).json().id as number;
    const byDesk = await desk.patch(`/api/v1/members/${memberId}/contact`, {
      phone: '010-2026-0099',
    });
    expect(byDesk.statusCode, byDesk.body).toBe(200);
    const notHolding = await (await staffClient(bed.t.app, 'tongyeong-city-desk')).patch(
      `/api/v1/members/${memberId}/contact`,
      { phone: '010-2026-0098' },
    );
    expect(notHolding.statusCode).toBe(403);
    expect((await audited('member.contact_changed')).length).toBe(2);
  });
});
