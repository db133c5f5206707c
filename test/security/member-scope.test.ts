import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { libraryIdOf, shelve, walkIn } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import type { Client } from '../support/http.js';
import { staffClient } from '../support/http.js';

/**
 * A library sees a member's personal data only once it holds the member (home library, its
 * check-in group, or a check-in there), and a check-in starts from the card presented at the
 * desk (rules.md Check-in; issue 13 point 2). A desk of a library that does not hold the member
 * cannot walk member ids, check a member in by id alone, nor read or change anything about them.
 */
describe(`member data stays with the libraries that hold the member (${testDatabaseKind})`, () => {
  let t: TestApp;
  let home: Client; // Gyeongnam: the member's home library
  let elsewhere: Client; // Yonam: does not hold the member
  let member: { id: number; card: string };
  let other: { id: number; card: string };

  beforeAll(async () => {
    t = await createTestApp({ accounts: true, start: '2026-12-01T10:00:00+09:00' });
    home = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    elsewhere = await staffClient(t.app, 'jinju-yonam-desk');
    await shelve(t, 'gyeongnamdaepyo-library', [{ barcode: 'SCOPE-GN-1', title: '비밀의 책' }]);
    await shelve(t, 'jinju-yonam-library', [{ barcode: 'SCOPE-JY-1', title: '연암의 책' }]);
    member = await walkIn(home, { email: 'scope.member@example.kr' });
    other = await walkIn(home);
    const lent = await home.post('/api/v1/checkouts', {
      cardNumber: member.card,
      itemBarcode: 'SCOPE-GN-1',
    });
    expect(lent.statusCode, lent.body).toBe(201);
    // A machine at home blocks the card, so that "unblock" has something to clear.
    await t.db
      .updateTable('cards')
      .set({ blocked_at: new Date(), blocked_reason: 'test' })
      .where('number', '=', member.card)
      .execute();
  });
  afterAll(async () => t?.close());

  /** Nothing of the member in the answer: no name, phone, e-mail, birth date or card number. */
  function leaksNothing(response: LightMyRequestResponse) {
    expect(response.body).not.toContain(member.card);
    expect(response.body).not.toContain('scope.member');
    expect(response.body).not.toContain('1985-05-05');
    expect(response.body).not.toContain('비밀의 책');
  }

  it('does not show a member by id to a library that does not hold them, nor say whether the id exists', async () => {
    const byId = await elsewhere.get(`/api/v1/members/${member.id}`);
    expect(byId.statusCode).toBe(403);
    expect(byId.json().code).toBe('FORBIDDEN');
    leaksNothing(byId);
    const noSuch = await elsewhere.get('/api/v1/members/2000000000');
    expect([noSuch.statusCode, noSuch.json().code]).toEqual([403, 'FORBIDDEN']);
    // The home library sees the member in full.
    const atHome = await home.get(`/api/v1/members/${member.id}`);
    expect(atHome.json()).toMatchObject({ visibility: 'full', card: { number: member.card } });
  });

  it('does not find members of other libraries by phone or by name and birth date', async () => {
    const phone = (await home.get(`/api/v1/members/${member.id}`)).json().phone as string;
    const there = await elsewhere.get(`/api/v1/members?phone=${phone}`);
    expect(there.statusCode).toBe(200);
    expect(there.json().members).toEqual([]);
    // An active member of another library is not even named by library (only applicants are).
    expect(there.json().appliedAt).toEqual([]);
    const atHome = await home.get(`/api/v1/members?phone=${phone}`);
    expect(atHome.json().members.map((m: { id: number }) => m.id)).toEqual([member.id]);
  });

  it('refuses every member action by id from a library that does not hold the member', async () => {
    const attempts: [string, () => Promise<LightMyRequestResponse>][] = [
      ['loans', () => elsewhere.get(`/api/v1/members/${member.id}/loans`)],
      ['card history', () => elsewhere.get(`/api/v1/members/${member.id}/cards`)],
      ['report lost', () => elsewhere.post(`/api/v1/members/${member.id}/card/lost`)],
      ['unblock', () => elsewhere.post(`/api/v1/members/${member.id}/card/unblock`)],
      ['renew consent', () => elsewhere.post(`/api/v1/members/${member.id}/consent`)],
      [
        'reissue',
        () => elsewhere.post(`/api/v1/members/${member.id}/cards`, { idDocumentType: 'passport' }),
      ],
      [
        'contact',
        () =>
          elsewhere.patch(`/api/v1/members/${member.id}/contact`, { email: 'thief@example.kr' }),
      ],
      [
        'credentials',
        () =>
          elsewhere.post(`/api/v1/members/${member.id}/credentials`, {
            idDocumentType: 'passport',
            pin: '7395',
          }),
      ],
      ['withdrawal', () => elsewhere.post(`/api/v1/members/${member.id}/withdrawal`)],
      [
        'verification',
        () =>
          elsewhere.post(`/api/v1/members/${member.id}/verification`, {
            idDocumentType: 'passport',
          }),
      ],
    ];
    const answers: string[] = [];
    for (const [name, attempt] of attempts) {
      const response = await attempt();
      answers.push(`${name}: ${response.statusCode} ${response.json().code}`);
      leaksNothing(response);
    }
    expect(answers).toEqual(attempts.map(([name]) => `${name}: 403 FORBIDDEN`));
    // Nothing changed: the card is still valid and blocked, the contact untouched.
    const atHome = (await home.get(`/api/v1/members/${member.id}`)).json();
    expect(atHome).toMatchObject({
      email: 'scope.member@example.kr',
      card: { number: member.card, status: 'valid', blocked: true },
    });
  });

  it('checks a member in only from the card presented at the desk, never by id alone', async () => {
    const byIdAlone = await elsewhere.post(`/api/v1/members/${member.id}/check-ins`, {
      idDocumentType: 'passport',
    });
    expect(byIdAlone.statusCode).toBe(400);
    expect(byIdAlone.json().code).toBe('VALIDATION_FAILED');
    // Someone else's card does not open this member.
    const wrongCard = await elsewhere.post(`/api/v1/members/${member.id}/check-ins`, {
      idDocumentType: 'passport',
      cardNumber: other.card,
    });
    expect([wrongCard.statusCode, wrongCard.json().code]).toEqual([403, 'FORBIDDEN']);
    expect((await elsewhere.get(`/api/v1/members/${member.id}`)).statusCode).toBe(403);
  });

  it('shows a presented card only what the check-in needs, then everything after the check-in', async () => {
    // The desk flow: a card scan at a library where the member is not checked in still answers
    // CHECK_IN_REQUIRED with the offer to check in.
    const refused = await elsewhere.post('/api/v1/checkouts', {
      cardNumber: other.card,
      itemBarcode: 'SCOPE-JY-1',
    });
    expect(refused.json().code).toBe('CHECK_IN_REQUIRED');
    const scanned = await elsewhere.get(`/api/v1/cards/${other.card}`);
    expect(scanned.statusCode).toBe(200);
    const limited = scanned.json().member;
    expect(Object.keys(limited).sort()).toEqual(
      [
        'checkedInHere',
        'homeLibrary',
        'id',
        'maskedEmail',
        'maskedPhone',
        'name',
        'status',
        'suspendedUntil',
        'visibility',
      ].sort(),
    );
    expect(limited.visibility).toBe('limited');
    expect(limited.suspendedUntil).toBeNull();
    // A suspension running across the network is said before the check-in: until when, not why.
    const suspend = (until: string | null) =>
      t.db
        .updateTable('members')
        .set({ suspended_until: until })
        .where('id', '=', other.id)
        .execute();
    const today = t.clock.today();
    await suspend(today);
    const suspended = (await elsewhere.get(`/api/v1/cards/${other.card}`)).json().member;
    expect(suspended.suspendedUntil).toBe(today);
    expect(JSON.stringify(suspended)).not.toMatch(/cause|daysLate|title/);
    await suspend('2000-01-01');
    expect((await elsewhere.get(`/api/v1/cards/${other.card}`)).json().member.suspendedUntil).toBe(
      null,
    );
    await suspend(null);
    expect((await elsewhere.get(`/api/v1/members/${other.id}/loans`)).statusCode).toBe(403);

    const checkedIn = await elsewhere.post(`/api/v1/members/${other.id}/check-ins`, {
      idDocumentType: 'passport',
      cardNumber: other.card,
    });
    expect(checkedIn.statusCode, checkedIn.body).toBe(200);
    expect(checkedIn.json()).toMatchObject({
      memberId: other.id,
      libraryId: await libraryIdOf(t, 'jinju-yonam-library'),
      alreadyCheckedIn: false,
    });
    const full = (await elsewhere.get(`/api/v1/members/${other.id}`)).json();
    expect(full).toMatchObject({ visibility: 'full', card: { number: other.card } });
    expect((await elsewhere.get(`/api/v1/members/${other.id}/loans`)).statusCode).toBe(200);
    const lent = await elsewhere.post('/api/v1/checkouts', {
      cardNumber: other.card,
      itemBarcode: 'SCOPE-JY-1',
    });
    expect(lent.statusCode, lent.body).toBe(201);
    // The first member is still not held there.
    expect((await elsewhere.get(`/api/v1/members/${member.id}`)).statusCode).toBe(403);
  });

  it('a lost card does not check a member in', async () => {
    const lostOne = await walkIn(home);
    expect((await home.post(`/api/v1/members/${lostOne.id}/card/lost`)).statusCode).toBe(200);
    const attempt = await elsewhere.post(`/api/v1/members/${lostOne.id}/check-ins`, {
      idDocumentType: 'passport',
      cardNumber: lostOne.card,
    });
    expect(attempt.json().code).toBe('CARD_LOST');
  });
});
