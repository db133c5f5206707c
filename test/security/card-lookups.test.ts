import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../src/modules/members/card-number.js';
import { CARD_LOOKUPS_AWAY } from '../../src/modules/members/desk-lookups.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { walkIn } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import { allDayStaffClient, type Client } from '../support/http.js';

/** A well-formed card number (its check digit right) that may or may not be anyone's. */
function cardNumber(serial: number): string {
  const digits = `29${String(serial).padStart(11, '0')}`;
  return `${digits}${luhnCheckDigit(digits)}`;
}

/**
 * A desk sees the limited view of any card presented to it (name, masked contact, home library),
 * so that it can check a visitor in. Trying card numbers one after another would collect
 * members' names: a library's desks may look up at most CARD_LOOKUPS_AWAY.limit cards an hour
 * that are not its members' (docs/security.md, "Card look-ups"), counted across its desk
 * accounts and service processes alike, while its own members' cards always scan.
 */
describe(`card look-ups of members held elsewhere are limited per library (${testDatabaseKind})`, () => {
  let t: TestApp;
  let yonam: Client;
  let yonamOther: Client;
  let gyeongnam: Client;
  let visitor: { id: number; card: string };
  let yonamMember: { id: number; card: string };
  const { limit } = CARD_LOOKUPS_AWAY;

  beforeAll(async () => {
    t = await createTestApp({ accounts: true, start: '2026-12-01T10:00:00+09:00' });
    gyeongnam = await allDayStaffClient(t.app, 'gyeongnamdaepyo-desk');
    yonam = await allDayStaffClient(t.app, 'jinju-yonam-desk');
    yonamOther = await allDayStaffClient(t.app, 'jinju-yonam-admin');
    visitor = await walkIn(gyeongnam, { name: '방문자' });
    yonamMember = await walkIn(yonam, { name: '연암회원' });
  });
  afterAll(async () => t?.close());

  it('answers the first look-ups of cards held elsewhere, and refuses those past the hour’s limit, all at once', async () => {
    const probes = Array.from({ length: limit + 10 }, (_, i) =>
      yonam.get(`/api/v1/cards/${cardNumber(90_000_000 + i)}`),
    );
    const answers = await Promise.all(probes);
    const refused = answers.filter((a) => a.statusCode === 429);
    expect(answers.length - refused.length).toBe(limit);
    expect(answers.filter((a) => a.statusCode === 404)).toHaveLength(limit);
    expect(refused).toHaveLength(10);
    const problem = refused[0]!.json();
    expect(problem.code).toBe('RATE_LIMITED');
    expect(problem.detail).toContain(
      `이 도서관에 등록되지 않은 회원의 카드를 한 시간에 ${limit}번 넘게`,
    );
    expect(problem.detail).toContain('이 도서관 회원의 카드는 그대로 조회됩니다');
  });

  it('then shows no visitor’s name, from any desk account of the library, while its own members still scan', async () => {
    for (const desk of [yonam, yonamOther]) {
      const look = await desk.get(`/api/v1/cards/${visitor.card}`);
      expect(look.statusCode).toBe(429);
      expect(look.body).not.toContain('방문자');
    }
    const own = await yonam.get(`/api/v1/cards/${yonamMember.card}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().member).toMatchObject({ name: '연암회원', visibility: 'full' });
    // Another library's desks are not held back by Yonam's look-ups.
    const elsewhere = await gyeongnam.get(`/api/v1/cards/${yonamMember.card}`);
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.json().member).toMatchObject({ name: '연암회원', visibility: 'limited' });
  });

  it('lets the library look up visitors again once the hour is over, and check them in', async () => {
    t.clock.set('2026-12-01T11:00:01+09:00');
    const look = await yonam.get(`/api/v1/cards/${visitor.card}`);
    expect(look.statusCode).toBe(200);
    expect(look.json().member).toMatchObject({ name: '방문자', visibility: 'limited' });
    const checkIn = await yonam.post(`/api/v1/members/${visitor.id}/check-ins`, {
      cardNumber: visitor.card,
      idDocumentType: 'resident_registration_card',
    });
    expect(checkIn.statusCode, checkIn.body).toBeLessThan(300);
    // Checked in, the visitor is the library's to scan: no longer counted.
    const again = await yonam.get(`/api/v1/cards/${visitor.card}`);
    expect(again.json().member).toMatchObject({ visibility: 'full' });
  });
});
