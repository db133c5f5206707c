import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/platform/dates.js';
import { testDatabaseKind } from '../support/database.js';
import {
  accessibilityLog,
  browserJourney,
  browserTestsRun,
  capture,
  DESK,
  focused,
  openWindow,
  PHONE,
  pageLanguage,
  STAFF_PASSWORD,
  setLanguage,
} from './support.js';

/** A long Korean name: the layout must wrap it, never overflow. */
const NEW_MEMBER = '남궁가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허';
const NEW_MEMBER_PHONE = '010-5555-0101';
const NEW_MEMBER_PASSWORD = 'journey-password-1';

const runJourney = browserTestsRun('web journey');

describe.runIf(runJourney)(`the web app, one whole journey (${testDatabaseKind})`, () => {
  const pageErrors: string[] = [];
  const accessibility = accessibilityLog('every');

  const journey = browserJourney(async () => {
    step('setup');
  });
  const { url } = journey;
  let last = Date.now();
  /** WEB_TIMING=1 prints how long each step took. */
  const step = (name: string) => {
    if (process.env.WEB_TIMING) console.log(`${name}: ${Date.now() - last} ms`);
    last = Date.now();
  };
  const today = () => journey.running.clock.today();

  /** The browser console's errors (a 401 of a session check shows there as one). */
  function consoleErrors(page: Page): string[] {
    const seen: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') seen.push(`${page.url()}: ${message.text()}`);
    });
    return seen;
  }

  /** Every URL the page asks the service for, in order. */
  function requestedUrls(page: Page): string[] {
    const seen: string[] = [];
    page.on('request', (request) => seen.push(request.url()));
    return seen;
  }

  /**
   * The member's card page opened cold (a new browser profile with the member's cookies, so
   * nothing is cached) on a simulated Fast 3G phone network: 1.6 Mbps down, 750 kbps up, 150 ms
   * round trips (Chromium's network emulation). Printed, not asserted: the machine decides the
   * figure; what makes it fast (compression, no barcode code elsewhere) is asserted.
   */
  async function cardPageOnFast3g(memberWindow: { context: BrowserContext }) {
    const context = await journey.browser.newContext({
      viewport: PHONE,
      locale: 'ko-KR',
      storageState: await memberWindow.context.storageState(),
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: 1_600_000 / 8,
      uploadThroughput: 750_000 / 8,
    });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event) => {
      bytes += event.encodedDataLength;
    });
    const encodings = new Map<string, string>();
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (/\.(js|css)$/.test(path) || path === '/portal/me/card')
        encodings.set(path, response.headers()['content-encoding'] ?? 'none');
    });
    const started = Date.now();
    await page.goto(url('/portal/me/card'));
    await page.locator('img.barcode').waitFor({ timeout: 60_000 });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `card page under Fast 3G: ${seconds.toFixed(1)} s (${Math.round(bytes / 1024)} KB transferred, cold cache)`,
    );
    await context.close();
    return encodings;
  }

  /**
   * At phone size every table shows its whole width: no date cut, no button scrolled out of
   * sight (the rows stack as cards). The page is left at the size it had.
   */
  async function tablesFitPhone(page: Page, screen: string) {
    const size = page.viewportSize();
    await page.setViewportSize(PHONE);
    const overflow = await page.evaluate<string[]>(`
      [...document.querySelectorAll('.table-wrap')].flatMap((wrap) => {
        const cut = wrap.scrollWidth - wrap.clientWidth;
        const outside = [...wrap.querySelectorAll('td, button, a')].filter(
          (el) => el.getBoundingClientRect().right > document.documentElement.clientWidth,
        );
        const squeezed = [...wrap.querySelectorAll('caption:not(.visually-hidden)')].filter(
          (caption) => caption.getBoundingClientRect().width < wrap.clientWidth * 0.8,
        );
        return cut > 0 || outside.length > 0 || squeezed.length > 0
          ? [cut + 'px cut, ' + outside.length + ' outside, ' + squeezed.length + ' caption squeezed: ' + wrap.textContent.slice(0, 60)]
          : [];
      })
    `);
    expect(overflow, screen).toEqual([]);
    if (size) await page.setViewportSize(size);
  }

  /** Fills the staff sign-in form if the page shows it (first visit, or the session expired). */
  async function staffSignIn(page: Page, username: string, ready = '.desk-bar') {
    const form = page.getByLabel('아이디');
    await Promise.race([form.waitFor(), page.locator(ready).first().waitFor()]);
    if (await form.isVisible()) {
      await form.fill(username);
      await page.getByLabel('비밀번호').fill(STAFF_PASSWORD);
      await page.getByRole('button', { name: '로그인' }).click();
    }
    await page.locator(ready).first().waitFor();
  }

  async function signOut(page: Page) {
    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.getByLabel('아이디').waitFor();
  }

  async function memberSignIn(page: Page, login: string) {
    await page.getByLabel('카드 번호 또는 전화번호·이메일').fill(login);
    await page.getByLabel('비밀번호').fill(NEW_MEMBER_PASSWORD);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.locator('.my-head').waitFor();
  }

  async function openDesk(page: Page, username: string, path = '/desk') {
    await page.goto(url(path));
    await page.locator('.desk-bar, #main form').first().waitFor();
    await staffSignIn(page, username);
  }

  async function scanCard(page: Page, card: string) {
    const field = page.getByLabel('회원카드 번호');
    await field.fill(card);
    await field.press('Enter');
    await page.locator('.member-panel').waitFor();
  }

  /** Scans one item at the open member; returns the refusal's text, or null when it was lent. */
  async function lend(page: Page, barcode: string): Promise<string | null> {
    const field = page.getByLabel('자료 바코드');
    await field.fill(barcode);
    await field.press('Enter');
    const outcome = page.locator('.checkout .problem, .receipt-table', { hasText: barcode });
    const refusal = page.locator('.checkout .problem');
    await Promise.race([outcome.first().waitFor(), refusal.waitFor()]);
    return (await refusal.isVisible()) ? await refusal.textContent() : null;
  }

  async function returnItem(page: Page, barcode: string): Promise<string | null> {
    const field = page.getByLabel('반납할 자료 바코드');
    await field.fill(barcode);
    await field.press('Enter');
    const done = page.locator('.return-list li', { hasText: barcode });
    const refusal = page.locator('.problem');
    await Promise.race([done.first().waitFor(), refusal.waitFor()]);
    return (await refusal.isVisible()) ? await refusal.textContent() : null;
  }

  async function dueDatesOf(memberName: string): Promise<string[]> {
    const rows = await journey.running.service.context.db
      .selectFrom('loans')
      .innerJoin('members', 'members.id', 'loans.member_id')
      .select('loans.due_date')
      .where('members.name', '=', memberName)
      .where('loans.returned_at', 'is', null)
      .execute();
    return rows.map((r) => r.due_date).sort();
  }

  it('sign-up → desk verification → loans at two libraries → overdue → return → suspension → its end', async () => {
    const member = await openWindow(journey.browser, PHONE);
    const yonam = await openWindow(journey.browser, DESK);
    const tongyeong = await openWindow(journey.browser, DESK);
    const windows = [member, yonam, tongyeong];
    const m = member.page;
    const a = yonam.page;
    const b = tongyeong.page;

    const memberConsole = consoleErrors(m);
    const memberRequests = requestedUrls(m);
    const deskConsole = consoleErrors(a);

    step('before 0');
    // 0. The home page says what the service is and how to join; staff areas are not in its menu.
    await m.goto(url('/'));
    await m.getByRole('heading', { level: 1, name: '카드 한 장, 모든 도서관' }).waitFor();
    expect(await m.locator('.home-steps li').count()).toBe(4);
    expect(await m.getByRole('link', { name: '회원가입' }).first().getAttribute('href')).toBe(
      '/portal/sign-up',
    );
    const menu = (await m.locator('.area-nav').textContent()) ?? '';
    expect(menu).not.toMatch(/안내데스크|관리/);
    expect(await m.locator('.site-footer a.staff-link').getAttribute('href')).toBe('/desk');
    await accessibility.check(m, 'home');
    await capture(m, 'home', { sizes: ['phone', 'desk'] });

    step('before 1');
    // 1. The participating libraries by region, phone first, in Korean.
    await m.getByRole('link', { name: '도서관 찾기' }).first().click();
    await m.locator('.library-card').first().waitFor();
    expect(await pageLanguage(m)).toBe('ko');
    await expect.poll(() => m.locator('.library-card').count()).toBe(29);
    await accessibility.check(m, 'portal libraries');
    await capture(m, 'portal-libraries', { sizes: ['phone', 'desk'], languages: ['ko', 'en'] });
    await m.locator('.library-card a').first().click();
    await m.locator('.library-detail').waitFor();
    await accessibility.check(m, 'library detail');
    await capture(m, 'portal-library-detail', { languages: ['ko', 'en'] });

    // The privacy policy a sign-up links to: every record named for a member, on a phone.
    await m.goto(url('/portal/privacy'));
    await m.getByRole('heading', { name: '개인정보 처리방침', level: 1 }).waitFor();
    expect(await m.locator('.privacy-policy').textContent()).toContain('감사 기록');
    await tablesFitPhone(m, 'privacy policy');

    step('before 2');
    // 2. Online sign-up (pre-registration) with plain next steps.
    await m.goto(url('/portal/sign-up'));
    await m.getByLabel('이름', { exact: true }).fill(NEW_MEMBER);
    await m.getByLabel('생년월일').fill('1990-04-05');
    await m.getByLabel('휴대전화').fill(NEW_MEMBER_PHONE);
    await m.getByLabel('소속 도서관').selectOption({ label: '진주시립연암도서관' });
    await m.getByLabel('비밀번호', { exact: true }).fill(NEW_MEMBER_PASSWORD);
    await m.getByLabel('비밀번호 확인').fill(NEW_MEMBER_PASSWORD);
    await m.getByRole('checkbox', { name: /개인정보 수집·이용에 동의합니다/ }).check();
    await accessibility.check(m, 'sign-up');
    await capture(m, 'portal-sign-up', { languages: ['ko', 'en'] });
    await m.getByRole('button', { name: '가입 신청' }).click();
    await m.getByRole('heading', { name: '가입 신청이 접수되었습니다' }).waitFor();
    await expect.poll(() => m.locator('.steps').textContent()).toContain('진주시립연암도서관');
    await capture(m, 'portal-sign-up-done', { languages: ['ko', 'en'] });
    // Anonymous pages: the session check answers 200 (no 401 in the console), and the barcode
    // encoder is not downloaded where no card is shown.
    expect(memberConsole).toEqual([]);
    expect(memberRequests.filter((u) => /barcode/.test(u))).toEqual([]);
    expect(memberRequests.filter((u) => u.includes('/api/v1/session')).length).toBeGreaterThan(0);

    step('before 3');
    // 3. Signing in with the phone number before a card exists: pending, with the next step.
    await m.getByRole('link', { name: '로그인' }).first().click();
    await memberSignIn(m, NEW_MEMBER_PHONE);
    await m.getByRole('heading', { name: '가입 확인을 기다리고 있습니다' }).waitFor();
    await accessibility.check(m, 'portal pending');
    await capture(m, 'portal-pending');

    step('before 4');
    // 4. Desk verification at the home library: an ID type, then a card.
    await openDesk(a, 'jinju-yonam-desk', '/desk/verify');
    await a.getByLabel('휴대전화').fill(NEW_MEMBER_PHONE);
    await a.getByRole('button', { name: '찾기' }).click();
    await a.locator('.found-member').waitFor();
    await a.locator('.found-member select').selectOption('resident_registration_card');
    expect(deskConsole).toEqual([]);
    await accessibility.check(a, 'desk verify');
    await capture(a, 'desk-verify', { languages: ['ko', 'en'] });
    await a.getByRole('button', { name: '신분증 확인, 카드 발급' }).click();
    await a.locator('.issued img.barcode').waitFor();
    const card = (await a.locator('.issued .card-number').textContent())?.replace(/\s+/g, '') ?? '';
    expect(card).toMatch(/^29\d{12}$/);
    await capture(a, 'desk-card-issued');

    step('before 5');
    // 5. Checkout at the home library, items scanned one after another; a receipt.
    await a.getByRole('link', { name: '이 회원 대출하기' }).click();
    await a.locator('.member-panel').waitFor();
    expect(await lend(a, 'JYL0000001')).toBeNull();
    expect(await lend(a, 'JYL0000002')).toBeNull();
    await expect.poll(() => a.locator('.receipt-table tbody tr').count()).toBe(2);
    await accessibility.check(a, 'desk checkout');
    await capture(a, 'desk-checkout', { sizes: ['desk', 'phone'], languages: ['ko', 'en'] });
    await tablesFitPhone(a, 'desk checkout');
    await a.emulateMedia({ media: 'print' });
    await a.screenshot({ path: 'test-output/screenshots/desk-receipt-print.png' });
    await a.emulateMedia({ media: 'screen' });

    step('before 6');
    // 6. A second library: check-in first (the desk sees only what it needs until then).
    await openDesk(b, 'tongyeong-city-desk');
    await scanCard(b, card);
    await b.getByText('아직 반입 등록되지 않은 회원입니다').waitFor();
    expect(await b.locator('.member-panel').textContent()).not.toContain(NEW_MEMBER_PHONE);
    await capture(b, 'desk-check-in-needed');
    await b.locator('#check-in-id').selectOption('driver_license');
    await b.getByRole('button', { name: '반입 등록' }).click();
    await b.locator('.checkout').waitFor();
    expect(await lend(b, 'TCL0000001')).toBeNull();
    await capture(b, 'desk-second-library');

    step('before 7');
    // 7. The clock moves past the due dates: refused everywhere, the overdue library named.
    const due = await dueDatesOf(NEW_MEMBER);
    expect(due).toHaveLength(3);
    journey.running.clock.setBusinessDate(addDays(due.at(-1)!, 3));
    for (const [page, username, item] of [
      [b, 'tongyeong-city-desk', 'TCL0000002'],
      [a, 'jinju-yonam-desk', 'JYL0000003'],
    ] as const) {
      await openDesk(page, username); // the sessions of twelve hours ago have expired
      await scanCard(page, card);
      await page.locator('.suspension, .notice-bad').first().waitFor();
      const refusal = await lend(page, item);
      expect(refusal).toContain('MEMBER_HAS_OVERDUE');
    }
    await accessibility.check(b, 'desk refusal');
    await capture(b, 'desk-refused-overdue', { sizes: ['desk', 'phone'] });
    // The same refusal in English: the API answers in the reader's language.
    await b.locator('.language-switch').click();
    await b.waitForFunction('document.documentElement.lang === "en"');
    const field = b.getByLabel('Item barcode');
    await field.fill('TCL0000002');
    await field.press('Enter');
    // The overdue books are said once, in the reader's language (issue 17).
    await b.locator('.checkout .problem', { hasText: /overdue\. Please return/ }).waitFor();
    await capture(b, 'desk-refused-overdue');
    await b.locator('.language-switch').click();

    step('before 8');
    // 8. Returns need no card and only the lending library takes them; late ones suspend.
    await b.getByRole('link', { name: /반납/ }).first().click();
    const elsewhere = await returnItem(b, 'JYL0000001');
    expect(elsewhere).toContain('RETURN_AT_LENDING_LIBRARY_ONLY');
    expect(elsewhere).toContain('진주시립연암도서관');
    expect(await returnItem(b, 'TCL0000001')).toBeNull();
    await a.getByRole('link', { name: /반납/ }).first().click();
    expect(await returnItem(a, 'JYL0000001')).toBeNull();
    expect(await returnItem(a, 'JYL0000002')).toBeNull();
    await a.locator('.return.late .notice-bad').first().waitFor();
    await accessibility.check(a, 'desk returns');
    await capture(a, 'desk-returns', { languages: ['ko', 'en'] });

    step('before 9');
    // 9. The suspension in the portal: until when, and which book at which library.
    await m.goto(url('/portal/me'));
    await memberSignIn(m, card); // the card number now signs in
    const banner = m.locator('.suspension');
    await banner.waitFor();
    const suspended = await journey.running.service.context.db
      .selectFrom('members')
      .select('suspended_until')
      .where('name', '=', NEW_MEMBER)
      .executeTakeFirstOrThrow();
    expect(suspended.suspended_until).not.toBeNull();
    const bannerText = await banner.textContent();
    expect(bannerText).toContain('대출 정지');
    expect(bannerText).toMatch(/진주시립연암도서관|통영시립도서관/);
    await accessibility.check(m, 'portal suspension');
    await capture(m, 'portal-suspension', { sizes: ['phone', 'desk'], languages: ['ko', 'en'] });
    await m.getByRole('link', { name: '회원카드' }).click();
    await m.locator('img.barcode').waitFor();
    await accessibility.check(m, 'portal card');
    await capture(m, 'portal-card', { languages: ['ko', 'en'] });
    expect(memberRequests.filter((u) => /\/assets\/barcode-svg-.*\.js$/.test(u))).toHaveLength(1);
    const encodings = await cardPageOnFast3g(member);
    expect([...encodings.keys()].some((path) => /barcode-svg/.test(path))).toBe(true);
    for (const [path, encoding] of encodings)
      expect(`${path}: ${encoding}`).toMatch(/: (br|gzip)$/);
    await m.getByRole('link', { name: '내 정보' }).click();
    await m.getByText('내 정보를 가진 도서관').waitFor();
    await expect.poll(() => m.locator('.plain-list li').count()).toBeGreaterThanOrEqual(2);
    await accessibility.check(m, 'portal account');
    await capture(m, 'portal-account', { languages: ['ko', 'en'] });

    // Refused everywhere while suspended, with the date it ends.
    await a.getByRole('link', { name: /대출·회원/ }).click();
    await scanCard(a, card);
    expect(await lend(a, 'JYL0000003')).toContain('MEMBER_SUSPENDED');

    step('before 10');
    // 10. The suspension ends: borrowing again, renewing online.
    journey.running.clock.setBusinessDate(addDays(suspended.suspended_until!, 1));
    await openDesk(a, 'jinju-yonam-desk');
    await scanCard(a, card);
    expect(await lend(a, 'JYL0000003')).toBeNull();
    expect(await lend(a, 'JYL0000005')).toBeNull();
    await m.goto(url('/portal/me'));
    await memberSignIn(m, card);
    await m.locator('.loan').nth(1).waitFor();
    expect(await m.locator('.suspension').count()).toBe(0);
    // Each loan counts down to its due date; a renewal moves no row (issue 17).
    const loanRows = () => m.locator('.loan-list .loan').allTextContents();
    const before = await loanRows();
    expect(await m.locator('.loan .countdown').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^D-\d+$/)]),
    );
    const titles = await m.locator('.loan .loan-title').allTextContents();
    await m.getByRole('button', { name: '연장' }).first().click();
    await m.getByText('연장되었습니다').waitFor();
    // The renewed loan, with its new due date, has the focus the busy button lost.
    await expect.poll(() => focused(m)).toMatch(new RegExp(`^LI ${titles[0]}`));
    await expect.poll(loanRows).not.toEqual(before);
    expect(await m.locator('.loan .loan-title').allTextContents()).toEqual(titles);
    await accessibility.check(m, 'portal loans');
    await capture(m, 'portal-loans', { languages: ['ko', 'en'] });
    await m.getByRole('link', { name: '이용 기록' }).click();
    await m.locator('.loan-list .loan').first().waitFor();
    await capture(m, 'portal-history');

    // A walk-in member, registered in one step at the desk, can borrow at once.
    await a.getByRole('link', { name: /회원 등록/ }).click();
    await a.getByLabel('이름', { exact: true }).fill('Alexandrina Wilhelmina Featherstonehaugh');
    await a.getByLabel('생년월일').fill('1979-11-02');
    await a.getByLabel('이메일').fill('alexandrina@example.org');
    await a.getByLabel('확인한 신분증').selectOption('alien_registration_card');
    await a.getByRole('checkbox', { name: /개인정보 수집·이용에 동의합니다/ }).check();
    await accessibility.check(a, 'desk register');
    await capture(a, 'desk-register', { languages: ['ko', 'en'] });
    await a.getByRole('button', { name: '등록하고 카드 발급' }).click();
    await a.locator('.issued img.barcode').waitFor();
    await a.getByRole('link', { name: '이 회원 대출하기' }).click();
    await a.locator('.member-panel').waitFor();
    expect(await lend(a, 'JYL0000004')).toBeNull();

    // The first due date arrives: D-day for one book, days left for the renewed one.
    const dueDates = await dueDatesOf(NEW_MEMBER);
    journey.running.clock.setBusinessDate(dueDates[0]!);
    await m.goto(url('/portal/me'));
    await memberSignIn(m, card);
    await m.locator('.loan .countdown', { hasText: 'D-day' }).waitFor();
    await accessibility.check(m, 'portal loans due');
    await capture(m, 'portal-loans-countdown', { sizes: ['phone', 'desk'] });

    step('10');
    for (const w of windows) await w.context.close();
    pageErrors.push(...windows.flatMap((w) => w.errors));
    expect(accessibility.found).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('administration: statistics, rules, calendar, staff, self-check machines, import; the network', async () => {
    step('start admin');
    const admin = await openWindow(journey.browser, DESK);
    const page = admin.page;

    // One library is still planned: the network admin starts it.
    const planned = await journey.running.service.context.db
      .updateTable('libraries')
      .set({ status: 'planned', participating_since: null })
      .where('code', '=', 'namhae-hwajeon-library')
      .returning('name_ko')
      .executeTakeFirstOrThrow();

    // The network admin: a dashboard of the whole network, libraries, groups, network rules.
    await page.goto(url('/admin'));
    await staffSignIn(page, 'network-admin');
    await page.locator('.kpis').first().waitFor();
    await expect.poll(() => page.locator('.kpi-value').first().textContent()).not.toBe('0');
    await page.locator('.library-bars li').first().waitFor();
    await accessibility.check(page, 'admin dashboard');
    await capture(page, 'admin-dashboard', { sizes: ['desk', 'phone'], languages: ['ko', 'en'] });
    for (const [link, screen, ready] of [
      ['도서관', 'admin-libraries', '.admin-library'],
      ['반입 그룹', 'admin-groups', '#new-group'],
      ['네트워크 규칙', 'admin-network-rules', '#mode-longest'],
      ['공휴일 달력', 'admin-public-holidays', '#import-title'],
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.locator(ready).first().waitFor();
      await accessibility.check(page, screen);
      await capture(page, screen, { languages: ['ko', 'en'] });
      if (screen === 'admin-libraries') {
        const card = page.locator('.admin-library', { hasText: planned.name_ko });
        // Asked first: its desks lend from today.
        await card.getByRole('button', { name: `참여 시작: ${planned.name_ko}` }).click();
        await card.getByRole('button', { name: '예, 참여를 시작합니다' }).click();
        await page.getByText(`${planned.name_ko}이 참여를 시작했습니다.`).waitFor();
        await expect.poll(() => page.locator('#planned-title').count()).toBe(0);
      }
    }
    step('network admin');
    await signOut(page);

    // A library admin runs their own library.
    await staffSignIn(page, 'jinju-yonam-admin');
    await page.getByRole('link', { name: '대출 규칙' }).click();
    await page.getByLabel('1인 대출 한도').fill('7');
    await page.getByRole('button', { name: '저장', exact: true }).click();
    await page.getByText('저장했습니다.').waitFor();
    await accessibility.check(page, 'admin rules');
    await capture(page, 'admin-rules', { sizes: ['desk', 'phone'] });

    // The audit page: the change just saved, and who saved it.
    await page.getByRole('link', { name: '감사 기록' }).click();
    await page.getByLabel('종류').selectOption('rulesAndCalendars');
    await page.getByRole('button', { name: '보기', exact: true }).click();
    const saved = page.getByRole('row').filter({ hasText: '대출 규칙 변경' }).first();
    await saved.getByText('진주시립연암도서관 관리자').waitFor();
    expect(await saved.textContent()).toContain('대출 한도: 7');
    await accessibility.check(page, 'admin audit');
    await capture(page, 'admin-audit', { sizes: ['desk', 'phone'], languages: ['ko', 'en'] });

    // The library's facts in Korean and English (issue 17): the seed's closed days are Korean.
    await page.getByRole('link', { name: '도서관 정보' }).click();
    const closedKo = page.getByLabel('휴관일 안내 (한국어)');
    await expect
      .poll(() => closedKo.inputValue())
      .toBe('매월 첫째 월요일, 1월 1일, 설날·추석 연휴');
    await page.getByLabel('운영 시간 (한국어)').fill('평일 09:00–22:00, 주말 09:00–18:00');
    await page.getByLabel('운영 시간 (영어)').fill('Weekdays 09:00–22:00, weekends 09:00–18:00');
    await page.getByRole('button', { name: '저장' }).click();
    await page.getByText('진주시립연암도서관 정보를 저장했습니다.').waitFor();
    await accessibility.check(page, 'admin facts');
    await capture(page, 'admin-facts', { sizes: ['desk', 'phone'] });
    const { id: yonamId } = await journey.running.service.context.db
      .selectFrom('libraries')
      .select('id')
      .where('code', '=', 'jinju-yonam-library')
      .executeTakeFirstOrThrow();
    await page.goto(url(`/portal/libraries/${yonamId}`));
    const about = page.locator('.library-detail .facts').first();
    await about.getByText('평일 09:00–22:00, 주말 09:00–18:00').waitFor();
    expect(await about.textContent()).toContain('매월 첫째 월요일, 1월 1일, 설날·추석 연휴');
    expect(await about.textContent()).not.toMatch(/Every|inferred/);
    await page.goto(url('/admin'));

    // The month view of closed days: a day on which open loans fall due is made a closed day;
    // the screen says how many loans fall due before saving, and saving moves them (rules.md).
    await page.getByRole('link', { name: '휴관일' }).click();
    const db = journey.running.service.context.db;
    const dueAtYonam = () =>
      db
        .selectFrom('loans')
        .innerJoin('libraries', 'libraries.id', 'loans.library_id')
        .select('loans.due_date')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('libraries.code', '=', 'jinju-yonam-library')
        .where('loans.returned_at', 'is', null)
        .where('loans.due_date', '>=', today())
        .groupBy('loans.due_date')
        .orderBy('loans.due_date')
        .execute();
    const [due] = await dueAtYonam();
    expect(due, 'the desk part lent at Jinju Yonam').toBeDefined();
    const holiday = due!.due_date;
    const [year, month] = holiday.split('-').map(Number);
    const title = page.locator('#month-title');
    await title.waitFor();
    for (let i = 0; i < 24 && (await title.textContent()) !== `${year}년 ${month}월`; i++) {
      const later = (await title.textContent())!.localeCompare(`${year}년 ${month}월`, 'ko', {
        numeric: true,
      });
      await page.getByRole('button', { name: later > 0 ? '이전 달' : '다음 달' }).click();
    }
    // Keyboard: the arrows move the focused day, Enter chooses it.
    await page.locator(`.month-grid button[data-date="${holiday}"]`).click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('날짜', { exact: true }).inputValue()).toBe(holiday);
    await page.locator('.loans-due', { hasText: `대출이 ${due!.n}건 있습니다` }).waitFor();
    await accessibility.check(page, 'admin calendar warning');
    await capture(page, 'admin-calendar-warning', { sizes: ['desk', 'phone'] });
    await page.getByLabel('이름 (한국어)').fill('임시 휴관'); // the English name is optional
    await page.getByRole('button', { name: '휴관일로 저장' }).click();
    await page.getByText(`반납일을 옮긴 대출: ${due!.n}건.`).waitFor();
    await page.getByRole('cell', { name: '임시 휴관', exact: true }).waitFor();
    expect((await dueAtYonam()).map((d) => d.due_date)).not.toContain(holiday);
    await accessibility.check(page, 'admin calendar');
    await capture(page, 'admin-calendar', { sizes: ['desk', 'phone'] });

    await page.getByRole('link', { name: '직원' }).click();
    await page.locator('.table tbody tr').first().waitFor();
    await accessibility.check(page, 'admin staff');
    await capture(page, 'admin-staff', { sizes: ['desk', 'phone'] });
    await tablesFitPhone(page, 'admin staff');

    await page.getByRole('link', { name: '자가대출기' }).click();
    await page.getByLabel('기기 아이디').fill('yonam-kiosk-1');
    await page.getByLabel('비밀번호').fill('kiosk-password-1');
    await page.getByLabel('문자 인코딩').selectOption('euc-kr');
    await page.getByRole('button', { name: '기기 계정 만들기' }).click();
    await page.locator('.table', { hasText: 'yonam-kiosk-1' }).waitFor();
    await accessibility.check(page, 'admin terminals');
    await capture(page, 'admin-terminals', { languages: ['ko', 'en'] });
    await capture(page, 'admin-terminals', { sizes: ['phone'] });
    await tablesFitPhone(page, 'admin terminals');

    await page.getByRole('link', { name: '자료 가져오기' }).click();
    const csv = [
      'barcode,title,author,publisher,year,isbn,call_number,loanable',
      'JYL-NEW-0001,새로 들어온 책,홍길동,책이음출판,2025,,813.7-홍18ㅅ,',
      'JYL-NEW-0002,두 번째 책,,,,,,',
      ',제목만 있는 줄,,,,,,',
      // Two problems in one row: no barcode, and a year that is not one.
      ',연도가 틀린 책,,,twenty,,,',
    ].join('\n');
    await page.getByLabel('CSV 파일').setInputFiles({
      name: 'items.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByRole('button', { name: '가져오기' }).click();
    await page.locator('#report-title').waitFor();
    expect(await page.locator('.kpis').textContent()).toMatch(/2/);
    await page.locator('.table tbody tr').nth(1).waitFor();
    // Each row's problem and its column in Korean, the stable code beside it (issue 17).
    const problems = await page.locator('.table tbody').textContent();
    expect(problems).toContain('등록번호(바코드)가 비어 있습니다');
    expect(problems).toContain('발행 연도는 1000부터');
    expect(problems).toContain('VALUE_EMPTY');
    expect(problems).not.toMatch(/is empty|must be/);
    // The caption counts the problems and the rows they are in, as the skipped count does.
    expect(await page.locator('.table caption').textContent()).toBe('건너뛴 줄 2개의 문제 3개');
    // Switched to English, the rows read in English too (the report came in Korean).
    await setLanguage(page, 'en');
    const inEnglish = () => page.locator('.table tbody').textContent();
    await expect.poll(inEnglish).toContain('Barcode is empty');
    expect(await inEnglish()).not.toContain('비어 있습니다');
    await setLanguage(page, 'ko');
    await accessibility.check(page, 'admin import');
    await capture(page, 'admin-import', { sizes: ['desk', 'phone'], languages: ['ko', 'en'] });
    await tablesFitPhone(page, 'admin import');

    step('library admin');
    // A desk account is told plainly that administration is not for it.
    await signOut(page);
    await staffSignIn(page, 'jinju-yonam-desk', 'text=안내데스크 계정입니다');

    await admin.context.close();
    expect(accessibility.found).toEqual([]);
    expect(admin.errors).toEqual([]);
  }, 180_000);
});
