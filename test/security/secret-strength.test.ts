import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { walkIn } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import { Client, memberClient, staffClient } from '../support/http.js';

/**
 * A secret a person chooses is refused when it is easy to guess (docs/security.md, "Secrets easy
 * to guess"): one of the most common passwords, the person's own facts with digits around them,
 * a PIN of one digit repeated or a run, the end of their phone number or their birth date. The
 * refusal names the field, and nothing is written.
 */
describe(`secrets easy to guess are refused where people choose them (${testDatabaseKind})`, () => {
  let t: TestApp;
  let home: number;
  const applicant = {
    name: '추측금지',
    birthDate: '1990-07-15',
    phone: '010-4321-8765',
    consent: true,
  };

  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
    home = (
      await t.db
        .selectFrom('libraries')
        .select('id')
        .where('code', '=', 'gyeongnamdaepyo-library')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => t?.close());

  const membersNamed = async (name: string) =>
    (await t.db.selectFrom('members').select('id').where('name', '=', name).execute()).length;

  it('online sign-up: a common password or the phone number is refused, and no one is registered', async () => {
    const anonymous = new Client(t.app);
    for (const [password, sentence] of [
      ['qwerty123', '비밀번호는 너무 흔히 쓰여 남이 짐작하기 쉽습니다. 다른 것으로 정해 주세요.'],
      ['Password1', '비밀번호는 너무 흔히 쓰여 남이 짐작하기 쉽습니다. 다른 것으로 정해 주세요.'],
      ['010-4321-8765', '비밀번호는 이름, 전화번호, 이메일, 생년월일로 만들 수 없습니다.'],
      ['19900715!', '비밀번호는 이름, 전화번호, 이메일, 생년월일로 만들 수 없습니다.'],
    ] as const) {
      const refused = await anonymous.post('/api/v1/members/pre-registrations', {
        ...applicant,
        password,
        homeLibraryId: home,
      });
      expect([refused.statusCode, refused.json().code], password).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
      expect(refused.json().detail).toBe(sentence);
    }
    expect(await membersNamed('추측금지')).toBe(0);
    const accepted = await anonymous.post('/api/v1/members/pre-registrations', {
      ...applicant,
      password: 'a walk by the Nam river',
      homeLibraryId: home,
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
  });

  it('at the desk and in the portal: a PIN of a pattern, the phone’s end or the birth date is refused', async () => {
    const desk = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    for (const pin of ['1234', '0000', '987654', '2580', '1990', '0715']) {
      const refused = await desk.post('/api/v1/members', {
        name: '핀금지',
        birthDate: '1990-07-15',
        phone: '010-5678-2580',
        idDocumentType: 'passport',
        password: 'member password',
        pin,
        consent: true,
      });
      expect([refused.statusCode, refused.json().code], pin).toEqual([400, 'VALIDATION_FAILED']);
      expect(refused.json().detail).toMatch(/^PIN 번호는 /);
    }
    expect(await membersNamed('핀금지')).toBe(0);
    const member = await walkIn(desk);
    const portal = await memberClient(t.app, member.card, 'member password');
    const pattern = await portal.post('/api/v1/me/pin', {
      currentPassword: 'member password',
      newPin: '1111',
    });
    expect(pattern.json().detail).toBe(
      '새 PIN 번호는 같은 숫자의 반복이나 이어지는 숫자(1111, 1234)로 정할 수 없습니다.',
    );
    const common = await portal.post('/api/v1/me/password', {
      currentPassword: 'member password',
      newPassword: 'iloveyou',
    });
    expect([common.statusCode, common.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    // The old password still works: nothing was changed.
    await expect(memberClient(t.app, member.card, 'member password')).resolves.toBeDefined();
  });

  it('staff accounts: a common password, or the user name with digits, is refused', async () => {
    const admin = await staffClient(t.app, 'gyeongnamdaepyo-admin');
    for (const [password, sentence] of [
      ['password', '비밀번호는 너무 흔히 쓰여 남이 짐작하기 쉽습니다. 다른 것으로 정해 주세요.'],
      ['gn-desk-7!2024', '비밀번호는 이름, 아이디, 전화번호, 생년월일로 만들 수 없습니다.'],
    ] as const) {
      const refused = await admin.post(`/api/v1/libraries/${home}/staff`, {
        username: 'gn-desk-7',
        displayName: '일곱째 데스크',
        role: 'desk',
        password,
      });
      expect([refused.statusCode, refused.json().code], password).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
      // Staff have a user name (아이디); members are told what they have instead.
      expect(refused.json().detail).toBe(sentence);
    }
    const created = await admin.post(`/api/v1/libraries/${home}/staff`, {
      username: 'gn-desk-7',
      displayName: '일곱째 데스크',
      role: 'desk',
      password: 'gn-desk-7 reads the shelves',
    });
    expect(created.statusCode, created.body).toBe(201);
  });
});
