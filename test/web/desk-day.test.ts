import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/platform/dates.js';
import { testDatabaseKind } from '../support/database.js';
import {
  accessibilityLog,
  browserJourney,
  browserTestsRun,
  capture,
  DESK,
  openWindow,
  PHONE,
  SEOYEON,
  STAFF_PASSWORD,
} from './support.js';

/** 김민준, of Gyeongnamdaepyo Library, checked in at Jinju Yonam (README "Demo accounts"). */
const MINJUN = '29000000000015';

const runJourney = browserTestsRun('web desk-day');

/** Issue 17: a whole day at the desk, keyboard and scanner first, in a real browser. */
describe.runIf(runJourney)(`a day at the desk (${testDatabaseKind})`, () => {
  const accessibility = accessibilityLog();

  const journey = browserJourney();
  const { url } = journey;

  /** The label of the focused field (what the next keys go into). */
  const focusedLabel = (page: Page) =>
    page.evaluate<string>(
      `(() => { const e = document.activeElement; return e && e.labels && e.labels[0] ? e.labels[0].textContent : (e ? e.tagName : ''); })()`,
    );

  /**
   * Signs in and scans a card. `atOnce`: the scanner does not wait for the desk to appear (the
   * keys typed while it opens must not be lost); otherwise the scan waits for the card field.
   */
  async function signInAndScan(page: Page, card: string, { atOnce = false } = {}) {
    await page.goto(url('/desk'));
    await page.getByLabel('아이디').fill('jinju-yonam-desk');
    await page.getByLabel('비밀번호').fill(STAFF_PASSWORD);
    if (atOnce) await scanWhileTheDeskOpens(page, card);
    else {
      await page.getByRole('button', { name: '로그인' }).click();
      await page.getByLabel('회원카드 번호').waitFor();
      await page.keyboard.type(card);
    }
    await page.keyboard.press('Enter');
    await page
      .locator('.member-panel')
      .waitFor()
      .catch(async (error: Error) => {
        // Say what the desk showed instead (a refusal, the sign-in again, a half-typed card).
        const shown = await page.evaluate<string>(
          `(() => { const f = document.querySelector('input[name="card"]'); return 'card field: ' + (f ? JSON.stringify(f.value) : 'none') + '; page: ' + document.querySelector('main')?.innerText.slice(0, 400); })()`,
        );
        throw new Error(`${error.message}\n${shown}`);
      });
  }

  /**
   * The scanner types all but the card's last digit while the sign-in is still answering (held
   * until then), and the last digit arrives the instant the card field takes the caught keys,
   * before the desk has drawn them: the race a slow CI machine once lost six digits to.
   */
  async function scanWhileTheDeskOpens(page: Page, card: string) {
    let typed!: () => void;
    const allButLastTyped = new Promise<void>((resolve) => {
      typed = resolve;
    });
    await page.route('**/api/v1/staff/sign-in', async (route) => {
      await allButLastTyped;
      await route.continue();
    });
    await page.evaluate(`(() => {
      const lastDigit = (event) => {
        if (event.target.name !== 'card') return;
        document.removeEventListener('focusin', lastDigit, true);
        document.execCommand('insertText', false, ${JSON.stringify(card.slice(-1))});
      };
      document.addEventListener('focusin', lastDigit, true);
    })()`);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.keyboard.type(card.slice(0, -1));
    typed();
    await expect.poll(() => focusedLabel(page)).toBe('회원카드 번호');
    await page.unroute('**/api/v1/staff/sign-in');
  }

  async function scanItem(page: Page, barcode: string) {
    await page.keyboard.type(barcode);
    await page.keyboard.press('Enter');
  }

  it('scan after sign-in, function keys, "already has it — return?", a receipt of every loan', async () => {
    const { context, page, errors } = await openWindow(journey.browser, DESK);

    // A scan typed straight after 로그인 is not lost: the member opens.
    await signInAndScan(page, SEOYEON, { atOnce: true });
    expect(await focusedLabel(page)).toBe('자료 바코드');

    // Items scanned one after another; the cursor stays in the item field.
    await scanItem(page, 'JYL0000011');
    await page.locator('.receipt-table', { hasText: 'JYL0000011' }).waitFor();
    await scanItem(page, 'JYL0000012');
    await page.locator('.receipt-table', { hasText: 'JYL0000012' }).waitFor();

    // The scanner reading the same book twice: lent once, said so, and the cursor stays.
    await scanItem(page, 'JYL0000012');
    await page.locator('.already-has', { hasText: '같은 책이 두 번 스캔되었습니다' }).waitFor();
    expect(await focusedLabel(page)).toBe('자료 바코드');
    // The member at the desk again, the book in hand: this member has it — return it? Enter says yes.
    await page.keyboard.press('F2');
    await page.getByLabel('회원카드 번호').focus();
    await page.keyboard.type(SEOYEON);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedLabel(page)).toBe('자료 바코드');
    await scanItem(page, 'JYL0000012');
    const question = page.locator('.already-has', { hasText: '반납할까요' });
    await question.waitFor();
    expect(await question.textContent()).toContain('이 회원이 이미 빌린 자료입니다 — 반납할까요?');
    expect(await page.locator('.checkout .problem', { hasText: 'ITEM_ON_LOAN' }).count()).toBe(0);
    await accessibility.check(page, 'already has it');
    await capture(page, 'issue17-desk-already-has', { sizes: ['desk', 'phone'] });
    await page.keyboard.press('Enter');
    await page.locator('.receipt-kind', { hasText: /^반납$/ }).waitFor();
    expect(await question.count()).toBe(0);
    expect(await focusedLabel(page)).toBe('자료 바코드');

    // F8: the cursor in the registration form's first field, not its heading.
    await page.keyboard.press('F8');
    await page.getByRole('heading', { name: '회원 등록' }).waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('이름');
    // F6: a page with no field: its heading, not the page itself (it was lost while loading).
    await page.keyboard.press('F6');
    await page.getByRole('heading', { name: '예약 도서', level: 1 }).waitFor();
    await expect
      .poll(() => page.evaluate<string | undefined>('document.activeElement?.tagName'))
      .toBe('H1');
    // F2: back to the member kept open, the cursor where the next book is scanned (round 36).
    await page.keyboard.press('F2');
    await expect.poll(() => focusedLabel(page)).toBe('자료 바코드');

    // A receipt of every loan the member has, not only this visit's.
    await page.getByLabel('회원카드 번호').focus();
    await page.keyboard.type(SEOYEON);
    await page.keyboard.press('Enter');
    await page.locator('.member-panel').waitFor();
    await page.getByLabel('영수증에 지금 빌린 자료 모두 넣기').check();
    await expect
      .poll(() => page.locator('.receipt-table tbody tr', { hasText: 'JYL0000011' }).count())
      .toBe(1);
    await capture(page, 'issue17-desk-whole-receipt');
    await scanItem(page, 'JYL0000013');
    await page.locator('.receipt-table', { hasText: 'JYL0000013' }).waitFor();

    await context.close();
    expect(accessibility.found).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);

  it('a refusal with several overdue books lists them once, with titles and Korean dates', async () => {
    const { context, page, errors } = await openWindow(journey.browser, DESK);
    // Weeks later, two books overdue: the refusal lists them once, with titles and Korean dates.
    const due = await journey.running.service.context.db
      .selectFrom('loans')
      .select('due_date')
      .where('returned_at', 'is', null)
      .where('member_id', '=', (eb) =>
        eb.selectFrom('cards').select('member_id').where('number', '=', SEOYEON).limit(1),
      )
      .execute();
    // The loans the day's first test made (run alone, this test has none to be overdue).
    expect(due.length).toBeGreaterThan(0);
    const last = due
      .map((d) => d.due_date)
      .sort()
      .at(-1)!;
    journey.running.clock.setBusinessDate(addDays(last, 2));
    await signInAndScan(page, SEOYEON);
    await scanItem(page, 'JYL0000014');
    const refusal = page.locator('.checkout .problem');
    await refusal.waitFor();
    const text = (await refusal.textContent()) ?? '';
    expect(text).toContain('연체 중인 자료가 2권 있습니다');
    expect(text.match(/MEMBER_HAS_OVERDUE/g)).toHaveLength(1);
    await expect.poll(() => page.locator('.overdue-list li').count()).toBeGreaterThanOrEqual(2);
    const list = (await page.locator('.overdue-list').textContent()) ?? '';
    expect(list).toMatch(/\d{4}년 \d{1,2}월 \d{1,2}일 \([월화수목금토일]\)/);
    expect(list).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // Numbers that do not mislead: no "18권 / 20권" for a member who may borrow nothing now.
    expect(await page.locator('.quota-none').textContent()).toContain(
      '지금은 이 회원에게 빌려 줄 수 없습니다',
    );
    expect(await page.locator('.quota').count()).toBe(0);
    await accessibility.check(page, 'overdue refusal');
    await capture(page, 'issue17-desk-overdue-once', { sizes: ['desk', 'phone'] });

    await context.close();
    expect(accessibility.found).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);

  it('numbers that do not mislead: a lost card, its new card at once; the demo dashboard has months of data', async () => {
    const { context, page, errors } = await openWindow(journey.browser, DESK);
    await signInAndScan(page, MINJUN);
    await page.locator('.more-actions summary').first().click();
    await page.getByRole('button', { name: '카드 분실 신고' }).click();
    // A dead card: said so, with the steps to a new one; nothing invites scanning it again.
    const lost = page.locator('.lost-card');
    await lost.waitFor();
    expect(await lost.textContent()).toContain('다시 스캔해도 쓸 수 없습니다');
    expect(await page.getByLabel('회원카드 번호').inputValue()).toBe('');
    await expect.poll(() => focusedLabel(page)).toBe('확인한 신분증');
    expect(await page.locator('.quota').count()).toBe(0);
    await accessibility.check(page, 'lost card');
    await capture(page, 'issue17-desk-lost-card', { sizes: ['desk', 'phone'] });
    await lost.getByLabel('확인한 신분증').selectOption('driver_license');
    await lost.getByRole('button', { name: '새 카드 발급' }).click();
    // The new card at once: its number and barcode in the member panel and in the card field.
    const fresh = page.locator('.new-card');
    await fresh.waitFor();
    await fresh.locator('img.barcode').waitFor();
    const number = (await page.getByLabel('회원카드 번호').inputValue()).trim();
    expect(number).toMatch(/^29\d{12}$/);
    expect(number).not.toBe(MINJUN);
    expect((await fresh.textContent())?.replaceAll(' ', '')).toContain(number);
    await expect.poll(() => focusedLabel(page)).toBe('자료 바코드');
    await accessibility.check(page, 'new card');
    await capture(page, 'issue17-desk-new-card');
    await context.close();

    // The demo's months of circulation on the network admin's dashboard (its first start).
    const admin = await openWindow(journey.browser, DESK);
    await admin.page.goto(url('/admin'));
    await admin.page.getByLabel('아이디').fill('network-admin');
    await admin.page.getByLabel('비밀번호').fill(STAFF_PASSWORD);
    await admin.page.getByRole('button', { name: '로그인' }).click();
    await admin.page.locator('.kpis').first().waitFor();
    await expect.poll(() => admin.page.locator('.kpi-value').first().textContent()).not.toBe('0');
    await admin.page.locator('.library-bars li').first().waitFor();
    await capture(admin.page, 'issue17-admin-dashboard-demo');
    await admin.context.close();
    expect(accessibility.found).toEqual([]);
    expect([...errors, ...admin.errors]).toEqual([]);
  }, 120_000);

  it('Korean everywhere: a validation message names the field, closed days read in Korean', async () => {
    const { context, page, errors } = await openWindow(journey.browser, DESK);
    await page.goto(url('/desk/register'));
    await page.getByLabel('아이디').fill('jinju-yonam-desk');
    await page.getByLabel('비밀번호').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByLabel('이름', { exact: true }).fill('김검증');
    await page.getByLabel('생년월일').fill('1988-02-03');
    await page.getByLabel('휴대전화').fill('010-12');
    await page.getByLabel('확인한 신분증').selectOption('passport');
    await page.getByRole('checkbox', { name: /개인정보 수집·이용에 동의합니다/ }).check();
    await page.getByRole('button', { name: '등록하고 카드 발급' }).click();
    const problem = page.locator('.problem');
    await problem.waitFor();
    const said = (await problem.textContent()) ?? '';
    expect(said).toContain('전화번호는 9자 이상이어야 합니다.');
    expect(said).not.toMatch(/body\.|must|is not/);
    await accessibility.check(page, 'Korean validation');
    await capture(page, 'issue17-korean-validation', { sizes: ['desk', 'phone'] });

    const phone = await openWindow(journey.browser, { width: 390, height: 844 });
    await phone.page.goto(url('/portal'));
    const provincial = phone.page.locator('.library-card', { hasText: '경남대표도서관' });
    await provincial.waitFor();
    const card = (await provincial.textContent()) ?? '';
    expect(card).toContain('매주 금요일, 법정 공휴일');
    expect(card).not.toContain('Every Friday');
    expect(await phone.page.locator('main').textContent()).not.toContain('inferred');
    await capture(phone.page, 'issue17-portal-closed-days-ko');
    await phone.context.close();

    await context.close();
    expect(accessibility.found).toEqual([]);
    expect([...errors, ...phone.errors]).toEqual([]);
  }, 120_000);

  it('finding a book (issue 18): the portal search and title page on a phone and a desk, checked-in libraries first; the desk search with call numbers', async () => {
    const phone = await openWindow(journey.browser, PHONE);
    const { page } = phone;
    await page.goto(url('/'));
    await page.getByLabel('어느 도서관에 있는지 찾아보세요').fill('채식');
    await page.keyboard.press('Enter');
    const results = page.getByRole('list', { name: '검색 결과 목록' });
    await results.waitFor();
    const first = results.locator('.title-card').first();
    expect(await first.locator('.title-name').textContent()).toContain('채식주의자');
    // Held by more libraries than a result lists: availability is over the 8 listed, and a link
    // leads to the rest (the holding libraries counted from the record, not from the list).
    const summary = (await first.locator('.availability').textContent())?.match(
      /^(\d+)개 도서관 · 아래 8곳에서 지금 대출 가능 \d+권$/,
    );
    expect(summary).not.toBeNull();
    expect(await first.locator('.holding-name').count()).toBe(8);
    expect(await first.textContent()).toContain(`외 ${Number(summary?.[1]) - 8}곳`);
    await accessibility.check(page, 'catalogue results');
    await capture(page, 'issue18-search-results', { sizes: ['phone', 'desk'] });

    // A member sees first where they can borrow it today.
    // 김민준's card may have been replaced by an earlier test (a lost card): his card of today.
    const card = await journey.running.service.context.db
      .selectFrom('cards')
      .select('number')
      .where('status', '=', 'valid')
      .where('member_id', '=', (eb) =>
        eb.selectFrom('cards').select('member_id').where('number', '=', MINJUN).limit(1),
      )
      .executeTakeFirstOrThrow();
    await page.goto(url('/portal/sign-in'));
    await page.getByLabel('카드 번호 또는 전화번호·이메일').fill(card.number);
    await page.getByLabel('비밀번호').fill('library-one-member');
    await page.getByRole('button', { name: '로그인' }).click();
    await page.locator('.my-head').waitFor();
    await page.goto(url('/portal/search?q=채식주의자'));
    await results.waitFor();
    await results.locator('.title-card').first().getByRole('link').first().click();
    await page.locator('.title-detail').waitFor();
    const holdings = page.locator('.holding-card');
    await holdings.first().waitFor();
    expect(await holdings.first().textContent()).toContain('반입 등록됨');
    const notYet = page.locator('.holding-card', { hasText: '반입 등록 전' }).first();
    expect(await notYet.textContent()).toContain('안내데스크');
    await accessibility.check(page, 'title page');
    await capture(page, 'issue18-title-page', { sizes: ['phone', 'desk'] });
    await phone.context.close();

    const desk = await openWindow(journey.browser, DESK);
    await desk.page.goto(url('/desk/search'));
    await desk.page.getByLabel('아이디').fill('jinju-yonam-desk');
    await desk.page.getByLabel('비밀번호').fill(STAFF_PASSWORD);
    await desk.page.getByRole('button', { name: '로그인' }).click();
    await desk.page.getByLabel('책 찾기').fill('한강');
    await desk.page.keyboard.press('Enter');
    const table = desk.page.locator('table', { hasText: '채식주의자' });
    await table.waitFor();
    expect(await table.textContent()).toContain('813.7');
    await capture(desk.page, 'issue18-desk-search');
    await desk.context.close();
    expect(accessibility.found).toEqual([]);
    expect([...phone.errors, ...desk.errors]).toEqual([]);
  }, 120_000);
  it('books scanned at Returns faster than their answers come: each returned, none cut short', async () => {
    const { context, page, errors } = await openWindow(journey.browser, DESK);
    const yonamLoans = await journey.running.service.context.db
      .selectFrom('loans')
      .innerJoin('items', 'items.id', 'loans.item_id')
      .innerJoin('libraries', 'libraries.id', 'loans.library_id')
      .select('items.barcode')
      .where('loans.returned_at', 'is', null)
      .where('libraries.code', '=', 'jinju-yonam-library')
      .orderBy('items.barcode')
      .limit(2)
      .execute();
    const barcodes = yonamLoans.map((loan) => loan.barcode);
    // The loans the day's first test made (run alone, this test has none to take back).
    expect(barcodes).toHaveLength(2);
    await page.goto(url('/desk/returns'));
    await page.getByLabel('아이디').fill('jinju-yonam-desk');
    await page.getByLabel('비밀번호').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: '로그인' }).click();
    await expect.poll(() => focusedLabel(page)).toBe('반납할 자료 바코드');
    // A slow line: the answers wait until both books are scanned.
    let release!: () => void;
    const scanned = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/v1/returns', async (route) => {
      await scanned;
      await route.continue();
    });
    for (const barcode of barcodes) await scanItem(page, barcode);
    await page.getByText(`다음 스캔 1건이 기다립니다: ${barcodes[1]}`).waitFor();
    expect(await page.getByLabel('반납할 자료 바코드').inputValue()).toBe('');
    release();
    await page.getByText('반납한 자료 2권').waitFor();
    const returned = (await page.locator('.panel', { hasText: '반납한 자료' }).textContent()) ?? '';
    for (const barcode of barcodes) expect(returned).toContain(barcode);
    expect(await page.locator('.problem').count()).toBe(0);
    await page.unroute('**/api/v1/returns');
    await context.close();
    expect(errors).toEqual([]);
  }, 120_000);
});
