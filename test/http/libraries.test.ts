import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDatabaseKind } from '../support/database.js';
import { staffClient } from '../support/http.js';

describe(`participating-library directory over HTTP (${testDatabaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
  });
  afterAll(async () => t?.close());

  it('lists the seed document’s 29 libraries in Korean and English', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/libraries' });
    expect(response.statusCode).toBe(200);
    const { libraries } = response.json();
    expect(libraries).toHaveLength(29);
    const yonam = libraries.find((l: { nameEn: string }) => l.nameEn === 'Jinju Yonam Library');
    expect(yonam).toMatchObject({
      nameKo: '진주시립연암도서관',
      status: 'participating',
      phone: '055-749-5982',
      region: { code: 'jinju-si', nameKo: '진주시', nameEn: 'Jinju-si' },
      province: { code: 'gyeongsangnam-do', nameKo: '경상남도' },
      loanRules: {
        loanLimit: 5,
        loanPeriodDays: 14,
        maxRenewals: 1,
        renewalDays: 7,
        onlineRenewal: true,
      },
    });
  });

  it('keeps closed-day notes in Korean and English, the seed’s in Korean, no "(inferred)" (issue 17)', async () => {
    const all = (await t.app.inject({ url: '/api/v1/libraries' })).json().libraries as {
      nameKo: string;
      closedDaysNote: { ko: string | null; en: string | null };
    }[];
    const provincial = all.find((l) => l.nameKo === '경남대표도서관')!;
    expect(provincial.closedDaysNote).toEqual({
      ko: '매주 금요일, 법정 공휴일 (공휴일이 아닌 일요일은 개관)',
      en: 'Every Friday; public holidays (open Sundays unless a holiday)',
    });
    const notes = all.filter((l) => l.closedDaysNote.en !== null);
    expect(notes.length).toBeGreaterThan(15);
    for (const library of notes) {
      expect(library.closedDaysNote.ko).toMatch(/[가-힣]/);
      expect(JSON.stringify(library.closedDaysNote)).not.toContain('inferred');
    }
  });

  it("lets the library's admin and the network admin rewrite its facts in Korean and English, audited (issue 17)", async () => {
    const all = (await t.app.inject({ url: '/api/v1/libraries' })).json().libraries as {
      id: number;
      code: string;
    }[];
    const yonam = all.find((l) => l.code === 'jinju-yonam-library')!;
    const seobu = all.find((l) => l.code === 'jinju-seobu-library')!;
    const facts = {
      addressKo: '경상남도 진주시 모덕로47번길 13-17',
      addressEn: '13-17 Modeok-ro 47beon-gil, Jinju-si',
      phone: '055-749-5982',
      openingHoursKo: '  평일 09:00–22:00,\n 주말 09:00–18:00 ',
      openingHoursEn: 'Weekdays 09:00–22:00, weekends 09:00–18:00',
      closedDaysNoteKo: '매월 첫째 월요일, 1월 1일, 설날·추석 연휴',
      closedDaysNoteEn: '',
    };
    const admin = await staffClient(t.app, 'jinju-yonam-admin');
    const saved = await admin.put(`/api/v1/libraries/${yonam.id}/facts`, facts);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      addressKo: facts.addressKo,
      addressEn: facts.addressEn,
      openingHours: {
        ko: '평일 09:00–22:00, 주말 09:00–18:00',
        en: 'Weekdays 09:00–22:00, weekends 09:00–18:00',
      },
      // Blank is unknown.
      closedDaysNote: { ko: facts.closedDaysNoteKo, en: null },
    });
    const listed = (await t.app.inject({ url: `/api/v1/libraries/${yonam.id}` })).json().library;
    expect(listed.openingHours.ko).toBe('평일 09:00–22:00, 주말 09:00–18:00');

    // Another library's admin may not; the network admin may edit any library.
    const other = await admin.put(`/api/v1/libraries/${seobu.id}/facts`, facts);
    expect(other.statusCode).toBe(403);
    const network = await staffClient(t.app, 'network-admin');
    const bySeobu = await network.put(`/api/v1/libraries/${seobu.id}/facts`, {
      ...facts,
      addressKo: null,
      addressEn: null,
      phone: null,
    });
    expect(bySeobu.statusCode, bySeobu.body).toBe(200);

    // Checked, and refused in the reader's language with the field's name.
    const badPhone = await admin.put(`/api/v1/libraries/${yonam.id}/facts`, {
      ...facts,
      phone: '전화 없음',
    });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().detail).toBe('전화번호는 형식이 올바르지 않습니다.');
    const long = await admin.put(`/api/v1/libraries/${yonam.id}/facts`, {
      ...facts,
      closedDaysNoteEn: 'x'.repeat(501),
    });
    expect(long.json().detail).toBe('휴관일 안내 (영어)는 500자 이하여야 합니다.');
    const missing = await admin.put(`/api/v1/libraries/${yonam.id}/facts`, { phone: null });
    expect(missing.statusCode).toBe(400);

    // The audit log says who changed what, from what.
    const events = (
      await admin.get(`/api/v1/audit-events?libraryId=${yonam.id}&subjectKind=library`)
    ).json().events as { action: string; actorKind: string; details: Record<string, unknown> }[];
    const edit = events.find((e) => e.action === 'library.facts_updated')!;
    expect(edit.details.fields).toEqual([
      'addressEn',
      'openingHoursKo',
      'openingHoursEn',
      'closedDaysNoteEn',
    ]);
    expect(edit.actorKind).toBe('staff');
    expect(edit.details.before).toEqual({
      addressEn: null,
      openingHoursKo: null,
      openingHoursEn: null,
      closedDaysNoteEn: "1st Monday of each month; New Year's Day; Seollal and Chuseok holidays",
    });
    // Saving the same facts again changes nothing and records nothing.
    await admin.put(`/api/v1/libraries/${yonam.id}/facts`, facts);
    const again = (
      await admin.get(`/api/v1/audit-events?libraryId=${yonam.id}&subjectKind=library`)
    ).json().events as unknown[];
    expect(again).toHaveLength(events.length);
  });

  it('lets the network admin correct a library’s names, everywhere at once; its code stays', async () => {
    const all = (await t.app.inject({ url: '/api/v1/libraries' })).json().libraries as {
      id: number;
      code: string;
    }[];
    const chungmu = all.find((l) => l.code === 'tongyeong-chungmu-library')!;
    const network = await staffClient(t.app, 'network-admin');
    const renamed = await network.patch(`/api/v1/libraries/${chungmu.id}`, {
      nameKo: ' 통영시립충무도서관 ',
      nameEn: 'Tongyeong City Chungmu Library',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({
      code: 'tongyeong-chungmu-library',
      nameKo: '통영시립충무도서관',
      nameEn: 'Tongyeong City Chungmu Library',
    });
    const searched = (
      await t.app.inject({ url: `/api/v1/libraries?q=${encodeURIComponent('시립충무')}` })
    ).json().libraries as { id: number }[];
    expect(searched.map((l) => l.id)).toEqual([chungmu.id]);

    // A blank name is refused with the field's name; a library admin may not rename.
    const blank = await network.patch(`/api/v1/libraries/${chungmu.id}`, { nameKo: '   ' });
    expect([blank.statusCode, blank.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(blank.json().detail).toContain('이름 (한국어)');
    const admin = await staffClient(t.app, 'tongyeong-chungmu-admin');
    const byAdmin = await admin.patch(`/api/v1/libraries/${chungmu.id}`, { nameKo: '충무' });
    expect(byAdmin.statusCode).toBe(403);
    const events = (
      await network.get(`/api/v1/audit-events?libraryId=${chungmu.id}&subjectKind=library`)
    ).json().events as { action: string; details: Record<string, unknown> }[];
    expect(events.find((e) => e.action === 'library.updated')?.details).toMatchObject({
      nameKo: '통영시립충무도서관',
    });
  });

  it('filters by city, by province and by status', async () => {
    const geoje = (await t.app.inject({ url: '/api/v1/libraries?region=geoje-si' })).json();
    expect(geoje.libraries.map((l: { nameEn: string }) => l.nameEn)).toEqual([
      'Geoje Jangpyeong Library',
      'Geoje Okpo Library',
      'Geoje Jangseungpo Library',
      'Geoje Suyang Library',
      'Geoje Hacheong Library',
    ]);
    const province = (
      await t.app.inject({ url: '/api/v1/libraries?region=gyeongsangnam-do' })
    ).json();
    expect(province.libraries).toHaveLength(29);
    const planned = (await t.app.inject({ url: '/api/v1/libraries?status=planned' })).json();
    expect(planned.libraries).toEqual([]);
  });

  it('searches names in Korean or English', async () => {
    const ko = (
      await t.app.inject({ url: `/api/v1/libraries?q=${encodeURIComponent('통영')}` })
    ).json();
    expect(ko.libraries).toHaveLength(4);
    const en = (await t.app.inject({ url: '/api/v1/libraries?q=small' })).json();
    expect(en.libraries.length).toBe(6);
    const apostrophe = (
      await t.app.inject({ url: `/api/v1/libraries?q=${encodeURIComponent('Children’s')}` })
    ).json();
    expect(apostrophe.libraries.length).toBe(3);
    const wildcard = (await t.app.inject({ url: '/api/v1/libraries?q=%25' })).json();
    expect(wildcard.libraries).toEqual([]);
  });

  it('shows one library with its rules and coming closed dates', async () => {
    const list = (await t.app.inject({ url: '/api/v1/libraries?q=Gyeongnamdaepyo' })).json();
    const id = list.libraries[0].id;
    const response = await t.app.inject({ url: `/api/v1/libraries/${id}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.library.loanRules.closedWeekdays).toEqual([5]);
    expect(body.library.province).toBeNull();
    expect(body.holidays[0]).toEqual({
      date: '2026-12-25',
      nameKo: '기독탄신일',
      nameEn: 'Christmas Day',
    });
  });

  it('lists the regions with their number of libraries', async () => {
    const { regions } = (await t.app.inject({ url: '/api/v1/regions' })).json();
    expect(regions[0]).toMatchObject({
      code: 'gyeongsangnam-do',
      kind: 'province',
      libraryCount: 29,
    });
    expect(regions.find((r: { code: string }) => r.code === 'yangsan-si')).toMatchObject({
      nameKo: '양산시',
      kind: 'city',
      libraryCount: 5,
      parentCode: 'gyeongsangnam-do',
    });
    expect(regions).toHaveLength(12);
  });

  it('answers bad requests with problem documents and stable codes', async () => {
    const notNumber = await t.app.inject({ url: '/api/v1/libraries/abc' });
    expect(notNumber.statusCode).toBe(400);
    expect(notNumber.headers['content-type']).toContain('application/problem+json');
    expect(notNumber.json()).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    // The field in the reader's language, the rule from ajv-i18n's Korean (issue 17).
    expect(notNumber.json().detail).toBe('도서관은 정수여야 합니다.');
    expect(notNumber.json().reasons[0].params).toMatchObject({
      field: 'params.libraryId',
      keyword: 'type',
    });

    const badStatus = await t.app.inject({ url: '/api/v1/libraries?status=closed' });
    expect(badStatus.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(badStatus.json().detail).toBe('상태는 허용되지 않는 값입니다.');

    const unknownParam = await t.app.inject({ url: '/api/v1/libraries?colour=red' });
    expect(unknownParam.statusCode).toBe(400);

    const missing = await t.app.inject({ url: '/api/v1/libraries/99999' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('NOT_FOUND');

    const unknownRoute = await t.app.inject({ url: '/api/v1/nowhere' });
    expect(unknownRoute.statusCode).toBe(404);
    expect(unknownRoute.json().code).toBe('NOT_FOUND');

    const malformedJson = await t.app.inject({
      method: 'POST',
      url: '/api/v1/nowhere',
      payload: '{"a":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformedJson.statusCode).toBe(400);
    expect(malformedJson.json().code).toBe('VALIDATION_FAILED');
    expect(malformedJson.body).not.toMatch(/at .*\.js|stack/i);
  });

  it('speaks English when asked', async () => {
    const response = await t.app.inject({
      url: '/api/v1/libraries/99999',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(response.json().detail).toBe('What you asked for was not found.');
  });

  it('publishes its OpenAPI document and health', async () => {
    const openapi = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/libraries',
        '/api/v1/libraries/{libraryId}',
        '/api/v1/regions',
      ]),
    );
    expect((await t.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/ready' })).json()).toEqual({ status: 'ready' });
    const docs = await t.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });
});
