import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createNoticeWorker, DeliveryError } from '../../src/modules/notices/index.js';
import { createLogger } from '../../src/platform/logger.js';
import { testDatabaseKind } from '../support/database.js';
import {
  accessibilityLog,
  browserJourney,
  browserTestsRun,
  capture,
  MEMBER_PASSWORD,
  openMemberAtDesk,
  openWindow,
  PHONE,
  SCREENSHOT_DIR,
  SEOYEON,
} from './support.js';

const runJourney = browserTestsRun('web notices');

/** Issue 19: the member's notice settings and the desk's notice log, in a real browser, on a phone. */
describe.runIf(runJourney)(`notices in the browser (${testDatabaseKind})`, () => {
  const emails: string[] = [];
  const accessibility = accessibilityLog();

  const journey = browserJourney();
  afterAll(() => {
    console.log(`notice screenshots: ${SCREENSHOT_DIR}/notices-*.png`);
  });

  const { url } = journey;

  /** The service's worker, with an e-mail channel that keeps what it sends and an SMS gateway that is down. */
  const worker = () =>
    createNoticeWorker(
      {
        db: journey.running.service.context.db,
        clock: journey.running.clock,
        logger: createLogger('silent'),
      },
      {
        email: { send: async (m) => void emails.push(`${m.kind} ${m.to}`), close() {} },
        phone: {
          send: async () => {
            throw new DeliveryError('gateway_503', 'the message gateway refused: 503');
          },
        },
        maxAttempts: 1,
      },
    );

  async function memberSignIn(page: Page) {
    await page.goto(url('/portal/me/notices'));
    await page.getByLabel('카드 번호 또는 전화번호·이메일').fill(SEOYEON);
    await page.getByLabel('비밀번호').fill(MEMBER_PASSWORD);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.locator('.my-head').waitFor();
  }

  it('the member chooses e-mail and SMS on the portal; the desk sees what was sent and what failed', async () => {
    const { context, page, errors } = await openWindow(journey.browser, PHONE);
    await memberSignIn(page);
    await page.getByRole('link', { name: '알림' }).click();
    await page.getByRole('heading', { name: '알림 받을 방법' }).waitFor();
    // Nothing chosen yet: e-mail, since she has an address.
    expect(await page.getByRole('checkbox', { name: '이메일' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: '문자(SMS)' }).isChecked()).toBe(false);
    await page.getByRole('checkbox', { name: '문자(SMS)' }).check();
    await page.getByRole('button', { name: '알림 설정 저장' }).click();
    await page.getByText('알림 설정을 저장했습니다.').waitFor();
    await accessibility.check(page, 'portal notice settings');
    await capture(page, 'notices-portal-settings', { languages: ['ko', 'en'] });

    // The desk lends her a book; eleven days later it is due in three.
    const desk = await openWindow(journey.browser, PHONE);
    await openMemberAtDesk(desk.page, url, SEOYEON);
    await desk.page.keyboard.type('JYL0000011');
    await desk.page.keyboard.press('Enter');
    await desk.page.locator('.receipt-table', { hasText: 'JYL0000011' }).waitFor();
    journey.running.clock.advanceDays(11);
    const w = worker();
    await w.scheduleDay(journey.running.clock.now());
    await w.deliverDueNotices(journey.running.clock.now());
    expect(emails).toContain('due_soon seoyeon@example.kr');

    // The portal's log: the e-mail sent, the SMS failed (the gateway was down).
    await memberSignIn(page);
    await page.getByRole('link', { name: '알림' }).click();
    const log = page.locator('table', { hasText: '반납 예정 안내' });
    await log.waitFor();
    // Its caption on one line across the phone, not squeezed to its longest word ("받은 / 알림").
    const caption = await log.locator('caption').boundingBox();
    expect(caption!.width).toBeGreaterThan(PHONE.width * 0.8);
    expect(await log.locator('tr', { hasText: '이메일' }).first().textContent()).toContain('보냄');
    expect(await log.locator('tr', { hasText: '문자(SMS)' }).first().textContent()).toContain(
      '보내지 못함',
    );
    await accessibility.check(page, 'portal notice log');
    await capture(page, 'notices-portal-log', { languages: ['ko', 'en'] });

    // The desk: the member's notice section, opened.
    await openMemberAtDesk(desk.page, url, SEOYEON);
    await desk.page.getByText('알림 (설정·기록)').click();
    const deskLog = desk.page.locator('.member-notices table');
    await deskLog.waitFor();
    expect(await deskLog.textContent()).toContain('반납 예정 안내');
    expect(await deskLog.textContent()).toContain('보내지 못함');
    await desk.page.locator('.member-notices').scrollIntoViewIfNeeded();
    await accessibility.check(desk.page, 'desk notice log');
    await capture(desk.page, 'notices-desk-log', { languages: ['ko', 'en'] });

    expect(errors).toEqual([]);
    expect(desk.errors).toEqual([]);
    expect(accessibility.found).toEqual([]);
    await desk.context.close();
    await context.close();
  });
});
