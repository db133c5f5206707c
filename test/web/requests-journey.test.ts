import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { insertCopies } from '../support/copies.js';
import { testDatabaseKind } from '../support/database.js';
import {
  browserJourney,
  browserTestsRun,
  capture,
  DESK,
  focused,
  MEMBER_PASSWORD,
  openWindow,
  PHONE,
  SCREENSHOT_DIR,
  SEOYEON,
  STAFF_PASSWORD,
} from './support.js';

const BARCODE = 'ILL-0001';

const runJourney = browserTestsRun('web requests');

/**
 * Issue 20: member C requests a title from another library in the portal → the lender's pull
 * list → sent → received at the pickup library → collected → returned there → received back home.
 */
describe.runIf(runJourney)(`inter-library requests in the browser (${testDatabaseKind})`, () => {
  let recordId: number;

  const journey = browserJourney(async () => {
    const db = journey.running.service.context.db;
    const lender = await db
      .selectFrom('libraries')
      .select('id')
      .where('code', '=', 'gyeongnamdaepyo-library')
      .executeTakeFirstOrThrow();
    await insertCopies(db, lender.id, [
      { barcode: BARCODE, title: '상호대차로 온 책', author: '김작가', callNumber: '813.7 김52ㅅ' },
    ]);
    const item = await db
      .selectFrom('items')
      .select('record_id')
      .where('barcode', '=', BARCODE)
      .executeTakeFirstOrThrow();
    recordId = item.record_id;
  });
  afterAll(() => {
    console.log(`request screenshots: ${SCREENSHOT_DIR}/requests-*.png`);
  });

  const { url } = journey;

  async function staffSignIn(page: Page, username: string, path: string) {
    await page.goto(url(path));
    const form = page.getByLabel('아이디');
    await Promise.race([form.waitFor(), page.locator('.desk-bar').first().waitFor()]);
    if (await form.isVisible()) {
      await form.fill(username);
      await page.getByLabel('비밀번호').fill(STAFF_PASSWORD);
      await page.getByRole('button', { name: '로그인' }).click();
    }
    await page.locator('.desk-bar').first().waitFor();
  }

  async function scanInto(page: Page, label: string, button: string) {
    const field = page.getByLabel(label);
    await field.fill(BARCODE);
    await page.getByRole('button', { name: button, exact: true }).click();
    // The desk is told once where the copy goes (the page's status line).
    await page.getByRole('status').filter({ hasText: '상호대차로 온 책' }).first().waitFor();
  }

  async function requestState() {
    const row = await journey.running.service.context.db
      .selectFrom('inter_library_requests')
      .select(['state', 'outcome'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return row;
  }

  it('request → pull list → sent → received → collected → returned at the pickup library → home', async () => {
    const member = await openWindow(journey.browser, PHONE);
    const lender = await openWindow(journey.browser, DESK);
    const pickup = await openWindow(journey.browser, DESK);
    const m = member.page;

    // The member finds the title (held only in Changwon) and requests it to Jinju Yonam.
    await m.goto(url('/portal/sign-in'));
    await m.getByLabel('카드 번호 또는 전화번호·이메일').fill(SEOYEON);
    await m.getByLabel('비밀번호').fill(MEMBER_PASSWORD);
    await m.getByRole('button', { name: '로그인' }).click();
    await m.locator('.my-head').waitFor();
    await m.goto(url(`/portal/titles/${recordId}`));
    await m.getByRole('heading', { name: '상호대차 신청' }).waitFor();
    await m.getByLabel('받을 도서관').selectOption({ label: '진주시립연암도서관' });
    await m.getByRole('button', { name: '상호대차 신청' }).click();
    await m
      .getByText('경남대표도서관에서 진주시립연암도서관으로 보냅니다.', { exact: false })
      .waitFor();
    // The form the member tapped is gone: its answer has the focus.
    await expect
      .poll(() => focused(m))
      .toMatch(/^P .*경남대표도서관에서 진주시립연암도서관으로 보냅니다/);
    await m.getByRole('link', { name: '내 상호대차' }).click();
    await m.locator('.requests-list', { hasText: '상호대차로 온 책' }).waitFor();
    expect(await m.locator('.requests-list').textContent()).toContain('신청됨');
    await capture(m, 'requests-portal', { languages: ['ko', 'en'] });

    // The lending library: its pull list, with barcode and call number; scanned out.
    await staffSignIn(lender.page, 'gyeongnamdaepyo-desk', '/desk/requests');
    const pull = lender.page.locator('section', { hasText: '발송할 책' }).first();
    await pull.locator('td', { hasText: BARCODE }).waitFor();
    expect(await pull.textContent()).toContain('813.7 김52ㅅ');
    await capture(lender.page, 'requests-desk-pull', { languages: ['ko', 'en'] });
    await scanInto(lender.page, '발송할 책 바코드', '발송');
    expect(await requestState()).toEqual({ state: 'sent', outcome: null });
    // Where the lender's copy is now: on its way to the pickup library.
    await lender.page
      .locator('section', { hasText: '다른 도서관에 가 있는 우리 책' })
      .locator('tr', { hasText: BARCODE })
      .filter({ hasText: '진주시립연암도서관가는 중' })
      .waitFor();

    // The pickup library: the copy on its way in; received (the member is told).
    await staffSignIn(pickup.page, 'jinju-yonam-desk', '/desk/requests');
    const incoming = pickup.page.locator('section', { hasText: '이 도서관으로 오는 책' }).first();
    await incoming.locator('td', { hasText: BARCODE }).waitFor();
    await capture(pickup.page, 'requests-desk-transit-incoming', { languages: ['ko', 'en'] });
    await scanInto(pickup.page, '도착한 책 바코드', '도착 처리');
    expect(await requestState()).toEqual({ state: 'arrived', outcome: null });
    await m.reload();
    await m.locator('.requests-list', { hasText: '도착' }).waitFor();

    // Collected at the pickup library's circulation desk: card, then the copy.
    const p = pickup.page;
    await p.goto(url('/desk'));
    const card = p.getByLabel('회원카드 번호');
    await card.fill(SEOYEON);
    await card.press('Enter');
    await p.locator('.member-panel').waitFor();
    const item = p.getByLabel('자료 바코드');
    await item.fill(BARCODE);
    await item.press('Enter');
    await p.locator('.receipt-table', { hasText: BARCODE }).waitFor();
    expect(await requestState()).toEqual({ state: 'collected', outcome: null });

    // Returned at the pickup library: the desk is told to send it home.
    await p.goto(url('/desk/returns'));
    const back = p.getByLabel('반납할 자료 바코드');
    await back.fill(BARCODE);
    await back.press('Enter');
    await p.getByText('상호대차 자료입니다. 경남대표도서관으로 보내세요.').waitFor();
    expect(await requestState()).toEqual({ state: 'returning', outcome: 'completed' });
    await p.goto(url('/desk/requests'));
    await p
      .locator('section', { hasText: '소장 도서관으로 돌려보낼 책' })
      .first()
      .locator('td', { hasText: BARCODE })
      .waitFor();
    await capture(p, 'requests-desk-transit-outgoing', { languages: ['ko', 'en'] });

    // Back home: received, on the shelf again.
    await lender.page.reload();
    const home = lender.page.locator('section', { hasText: '돌아오는 우리 책' }).first();
    await home.locator('td', { hasText: BARCODE }).waitFor();
    await scanInto(lender.page, '돌아온 책 바코드', '입고');
    expect(await requestState()).toEqual({ state: 'closed', outcome: 'completed' });

    expect(member.errors).toEqual([]);
    expect(lender.errors).toEqual([]);
    expect(pickup.errors).toEqual([]);
    for (const w of [member, lender, pickup]) await w.context.close();
  });
});
