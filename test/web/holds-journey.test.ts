import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../support/database.js';
import {
  accessibilityLog,
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

/** 김민준, a demo member checked in at Jinju Yonam (README "Demo accounts"). */
const MINJUN = '29000000000015';
const YONAM = 'jinju-yonam-library';

const runJourney = browserTestsRun('web holds journey');

/**
 * Issue 20 (holds), in a real browser: A borrows the only copy at Yonam; B holds it in the
 * portal; A returns it late at the desk → set aside for B (the desk says so), B is told (a notice
 * row), B collects it at the desk. Screenshots of the portal's holds tab and the desk's hold shelf.
 */
describe.runIf(runJourney)(`holds journey in the browser (${testDatabaseKind})`, () => {
  const accessibility = accessibilityLog();

  const journey = browserJourney();
  afterAll(() => {
    console.log(`holds screenshots: ${SCREENSHOT_DIR}/holds-*.png`);
  });

  const { url } = journey;

  /** A copy at Yonam that is its title's only one there, on the shelf. */
  async function onlyCopyAtYonam() {
    const { db } = journey.running.service.context;
    const row = await db
      .selectFrom('items as i')
      .innerJoin('libraries as l', 'l.id', 'i.library_id')
      .select(['i.barcode', 'i.record_id'])
      .where('l.code', '=', YONAM)
      .where('i.loanable', '=', true)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('loans as o')
              .select('o.id')
              .whereRef('o.item_id', '=', 'i.id')
              .where('o.returned_at', 'is', null),
          ),
        ),
      )
      .where(
        (eb) =>
          eb
            .selectFrom('items as s')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('s.record_id', '=', 'i.record_id')
            .whereRef('s.library_id', '=', 'i.library_id'),
        '=',
        1,
      )
      .orderBy('i.id')
      .executeTakeFirstOrThrow();
    return { barcode: row.barcode, recordId: row.record_id };
  }

  async function deskSignIn(page: Page) {
    await page.goto(url('/desk'));
    await page.getByLabel('아이디').fill('jinju-yonam-desk');
    await page.getByLabel('비밀번호').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByLabel('회원카드 번호').waitFor();
  }

  async function lendAtDesk(page: Page, card: string, barcode: string) {
    await page.goto(url('/desk'));
    await page.getByLabel('회원카드 번호').waitFor();
    await page.keyboard.type(card);
    await page.keyboard.press('Enter');
    await page.locator('.member-panel').waitFor();
    await page.getByLabel('자료 바코드', { exact: true }).fill(barcode);
    await page.getByRole('button', { name: '대출', exact: true }).click();
    await page.locator('.receipt-table', { hasText: barcode }).waitFor();
  }

  it('A borrows, B holds in the portal, A returns late: trapped for B, B told, B collects', async () => {
    const { barcode, recordId } = await onlyCopyAtYonam();
    const desk = await openWindow(journey.browser, DESK);
    await deskSignIn(desk.page);
    await lendAtDesk(desk.page, SEOYEON, barcode);

    // B (김민준) finds the title in the portal: every copy at Yonam is out, so 예약.
    const member = await openWindow(journey.browser, PHONE);
    const m = member.page;
    await m.goto(url(`/portal/sign-in?next=/portal/titles/${recordId}`));
    await m.getByLabel('카드 번호 또는 전화번호·이메일').fill(MINJUN);
    await m.getByLabel('비밀번호').fill(MEMBER_PASSWORD);
    await m.getByRole('button', { name: '로그인' }).click();
    const yonamCard = m.locator('.holding-card', { hasText: '연암도서관' });
    await yonamCard.getByRole('button', { name: '예약' }).click();
    await m.getByText('예약되었습니다. 1번째로 기다립니다.').waitFor();
    // The tapped button was busy (disabled) while the hold was placed: the answer has the focus.
    await expect.poll(() => focused(m)).toMatch(/^DIV 예약되었습니다/);
    await m.getByRole('link', { name: '내 예약 보기' }).click();
    await m.locator('.holds-tab .loan', { hasText: '대기 중' }).waitFor();
    expect(await m.locator('.holds-tab').textContent()).toContain('1번째');
    await accessibility.check(m, 'portal holds tab');
    await capture(m, 'holds-portal-waiting', { languages: ['ko', 'en'] });

    // A returns it 16 days later (two days late) at the desk: 예약 도서 — 보관 for B.
    journey.running.clock.advanceDays(16);
    // Sixteen days on, both sessions have ended: sign in again.
    await deskSignIn(desk.page);
    await desk.page.goto(url('/desk/returns'));
    await desk.page.getByLabel('반납할 자료 바코드').fill(barcode);
    await desk.page.getByRole('button', { name: '반납', exact: true }).click();
    const trapped = desk.page.locator('.hold-trapped');
    await trapped.waitFor();
    expect(await trapped.textContent()).toContain('예약 도서 — 보관');
    expect(await trapped.textContent()).toContain('김*준');
    await capture(desk.page, 'holds-desk-return', { languages: ['ko', 'en'] });
    const notice = await journey.running.service.context.db
      .selectFrom('notices as n')
      .innerJoin('cards as c', 'c.member_id', 'n.member_id')
      .select(['n.kind', 'n.hold_id'])
      .where('c.number', '=', MINJUN)
      .where('n.kind', '=', 'hold_ready')
      .executeTakeFirst();
    expect(notice?.hold_id).toBeTruthy();

    // The hold shelf lists it; the portal says to collect it.
    await desk.page.goto(url('/desk/holds'));
    const shelf = desk.page.locator('.hold-shelf table');
    await shelf.waitFor();
    expect(await shelf.textContent()).toContain(barcode);
    expect(await shelf.textContent()).toContain('김*준');
    await accessibility.check(desk.page, 'desk hold shelf');
    await capture(desk.page, 'holds-desk-shelf', { languages: ['ko', 'en'] });
    await m.goto(url('/portal/me/holds'));
    await m.getByLabel('카드 번호 또는 전화번호·이메일').fill(MINJUN);
    await m.getByLabel('비밀번호').fill(MEMBER_PASSWORD);
    await m.getByRole('button', { name: '로그인' }).click();
    await m.locator('.holds-tab .hold-ready').waitFor();
    await capture(m, 'holds-portal-ready', { languages: ['ko', 'en'] });

    // B collects it at the desk: a normal loan, and the hold is fulfilled.
    await lendAtDesk(desk.page, MINJUN, barcode);
    await m.reload();
    await m.getByText('예약한 자료가 없습니다.').waitFor();

    expect(member.errors).toEqual([]);
    expect(desk.errors).toEqual([]);
    expect(accessibility.found).toEqual([]);
    await member.context.close();
    await desk.context.close();
  });
});
