import { describe, expect, it } from 'vitest';
import { openLoansOfCopy } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import {
  browserJourney,
  browserTestsRun,
  DESK,
  openMemberAtDesk,
  openWindow,
  SEOYEON,
} from './support.js';

/** A copy on the shelf at Jinju Yonam in the demo (the desk-day test lends it too). */
const BARCODE = 'JYL0000011';

const runJourney = browserTestsRun('web lost answers');

/**
 * "A retry applied once", as a desk meets it: the network drops the answer of a write that the
 * service applied, and the desk person presses 다시 시도. The web app sends the same write with
 * the key it had, so the service answers what it did instead of taking it for a new request.
 */
describe.runIf(runJourney)(
  `a write whose answer was lost, sent again (${testDatabaseKind})`,
  () => {
    const journey = browserJourney();
    const { url } = journey;

    const openLoansOf = async (barcode: string) =>
      (await openLoansOfCopy(journey.running.service.context.db, barcode)).length;

    it('a checkout whose answer never came, tried again: lent once, and the desk says it is lent', async () => {
      const { context, page } = await openWindow(journey.browser, DESK);
      await openMemberAtDesk(page, url, SEOYEON);
      expect(await openLoansOf(BARCODE)).toBe(0);

      // The checkout reaches the service, which lends the book; its answer never reaches the desk.
      await page.route(
        '**/api/v1/checkouts',
        async (route) => {
          await route.fetch();
          await route.abort('connectionreset');
        },
        { times: 1 },
      );
      await page.getByLabel('자료 바코드').fill(BARCODE);
      await page.keyboard.press('Enter');
      const retry = page.getByRole('button', { name: '다시 시도' });
      await retry.waitFor();
      expect(await openLoansOf(BARCODE)).toBe(1);

      // 다시 시도: the same checkout, answered as the first was — not "already has it — return?",
      // whose Enter would take the book back.
      await retry.click();
      await page.locator('.receipt-table', { hasText: BARCODE }).waitFor();
      expect(await page.locator('.already-has').count()).toBe(0);
      expect(await page.locator('.checkout .problem').count()).toBe(0);
      expect(await openLoansOf(BARCODE)).toBe(1);

      // The same scan once more, now that it was answered, is a new request (a new key): this
      // member already has the book.
      await page.keyboard.type(BARCODE);
      await page.keyboard.press('Enter');
      await page.locator('.already-has').waitFor();
      await context.close();
    }, 120_000);
  },
);
