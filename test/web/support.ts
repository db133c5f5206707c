import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { openService, type Service } from '../../src/app.js';
import { businessDateOf, ManualClock } from '../../src/platform/clock.js';
import { addDays } from '../../src/platform/dates.js';
import { createLogger } from '../../src/platform/logger.js';
import { testDatabaseUrl } from '../support/database.js';
import { withDatabaseName } from '../support/database-url.js';

const repoDir = fileURLToPath(new URL('../..', import.meta.url));
/** WEB_SCREENSHOT_DIR puts them elsewhere (a temporary directory: they are never committed). */
export const SCREENSHOT_DIR =
  process.env.WEB_SCREENSHOT_DIR || path.join(repoDir, 'test-output', 'screenshots');

/** Debian's Chromium (never a downloaded browser); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

/** The demo's passwords (README "Demo accounts"). */
export const STAFF_PASSWORD = 'library-one-staff';
export const MEMBER_PASSWORD = 'library-one-member';
/** 이서연, a demo member of Jinju Yonam Library. */
export const SEOYEON = '29000000000023';

/**
 * Whether a file's browser tests run: with Chromium here, or in CI (which installs it, so its
 * absence fails there); elsewhere they are skipped with a note saying why.
 */
export function browserTestsRun(what: string): boolean {
  const run = hasChromium || process.env.CI === 'true';
  if (!run) console.warn(`${what} skipped: no Chromium at ${CHROMIUM_PATH}`);
  return run;
}

/** Builds web/dist when its sources changed (the same step `npm test` runs first). */
export function ensureWebBuild() {
  execFileSync(process.execPath, ['--import', 'tsx', 'web/scripts/build.ts'], {
    cwd: repoDir,
    stdio: 'pipe',
  });
}

export interface RunningService {
  service: Service;
  clock: ManualClock;
  url: string;
  close(): Promise<void>;
}

/**
 * The real service, in this process, on its own database (a temporary data directory, or a
 * database of its own on TEST_DATABASE_URL's server), with the demo data and a manual clock.
 */
export async function startService(start: Date): Promise<RunningService> {
  const clock = new ManualClock(start);
  let dataDir = '';
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (testDatabaseUrl) {
    const name = `lo_web_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    databaseUrl = withDatabaseName(testDatabaseUrl, name);
    dropDatabase = async () => {
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    };
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), 'library-one-web-'));
  }
  const service = await openService({
    config: {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      databaseUrl,
      sip2Port: 0,
      workers: 1,
      logLevel: 'silent',
    },
    clock,
    logger: createLogger('silent'),
    demo: true,
  });
  const { httpUrl } = await service.listen();
  return {
    service,
    clock,
    url: httpUrl,
    async close() {
      await service.close();
      await dropDatabase();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium; Playwright gives every launch a fresh, temporary user data directory. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const PHONE = { width: 390, height: 844 };
export const DESK = { width: 1440, height: 900 };

/** A person's own browser window: own cookies, own language choice, errors collected. */
export async function openWindow(
  browser: Browser,
  size: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  // bypassCSP lets the test inject axe-core into pages whose CSP allows only our own scripts.
  const context = await browser.newContext({ viewport: size, bypassCSP: true, locale: 'ko-KR' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  return { context, page, errors };
}

/** The language the page speaks (`<html lang>`). Page code is passed as text: no DOM types here. */
/**
 * What has the keyboard: the focused element's tag and text (BODY when the focus fell to the page,
 * where the next Tab starts again from the top).
 */
export function focused(page: Page): Promise<string> {
  return page.evaluate<string>(
    `(() => { const e = document.activeElement; return e ? e.tagName + ' ' + e.textContent : ''; })()`,
  );
}

export function pageLanguage(page: Page): Promise<string> {
  return page.evaluate<string>('document.documentElement.lang');
}

/** Clicks the one-click language switch until the page speaks `language`. */
export async function setLanguage(page: Page, language: 'ko' | 'en') {
  if ((await pageLanguage(page)) === language) return;
  await page.locator('.language-switch').click();
  await page.waitForFunction(`document.documentElement.lang === ${JSON.stringify(language)}`);
}

/**
 * Screenshots of the page as it is (by default at its size and in its language; `sizes` and
 * `languages` ask for more) under test-output/screenshots/<name>-<size>-<language>.png. The
 * page is left as it was. WEB_SCREENSHOTS=off skips them; WEB_SCREENSHOTS=check checks every size and
 * language's width but writes no image (CI, where the images are not kept).
 */
export async function capture(
  page: Page,
  name: string,
  options: { sizes?: ('phone' | 'desk')[]; languages?: ('ko' | 'en')[] } = {},
) {
  const screenshots = process.env.WEB_SCREENSHOTS ?? 'on';
  if (screenshots === 'off') return;
  // `check`: every size and language laid out and its width checked, no image written (CI).
  const writeImages = screenshots !== 'check';
  if (writeImages) mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  const language = (await pageLanguage(page)) as 'ko' | 'en';
  const current = original && original.width < 800 ? 'phone' : 'desk';
  for (const size of options.sizes ?? [current]) {
    if (size !== current) await page.setViewportSize(size === 'phone' ? PHONE : DESK);
    for (const lang of options.languages ?? [language]) {
      await setLanguage(page, lang);
      await page.waitForTimeout(50);
      // Long Korean names and English words wrap: nothing may push the page sideways.
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      if (overflow > 0) throw new Error(`${name} (${size}, ${lang}) is ${overflow}px too wide`);
      if (writeImages) {
        await page.screenshot({
          path: path.join(SCREENSHOT_DIR, `${name}-${size}-${lang}.png`),
          fullPage: true,
        });
      }
    }
  }
  await setLanguage(page, language);
  if (original && page.viewportSize()?.width !== original.width) {
    await page.setViewportSize(original);
  }
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** WCAG 2.1 A and AA rules of axe-core on the page as it is; returns readable violations. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate<boolean>("'axe' in window");
  if (!loaded) await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate<AxeViolation[]>(`
    axe
      .run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      })
      .then((result) => result.violations)
  `);
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`)
        .join(' | ')}`,
  );
}

/** The service and the browser of a describe block's tests. */
export interface BrowserJourney {
  readonly running: RunningService;
  readonly browser: Browser;
  /** The address of a path of the running service. */
  url(path: string): string;
}

/**
 * For the describe block it is called in: the web app built, the service started with its clock
 * at 10:00 tomorrow in Seoul (the manual clock only moves forward from a time after the real one,
 * so the browser never sees a session cookie as expired before the service does), Chromium
 * launched, and `prepare` run once both are up; both closed after the block.
 */
export function browserJourney(
  prepare: (running: RunningService) => Promise<void> = async () => {},
): BrowserJourney {
  let running: RunningService | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    ensureWebBuild();
    const tomorrow = addDays(businessDateOf(new Date()), 1);
    running = await startService(new Date(`${tomorrow}T10:00:00+09:00`));
    browser = await launchChromium();
    await prepare(running);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });
  const started = <T>(part: T | undefined, name: string): T => {
    if (part === undefined) throw new Error(`the ${name} is not started (beforeAll failed)`);
    return part;
  };
  return {
    get running() {
      return started(running, 'service');
    },
    get browser() {
      return started(browser, 'browser');
    },
    url: (path) => `${started(running, 'service').url}${path}`,
  };
}

/**
 * The accessibility violations of the screens a test checks, as `screen: violation`: the serious
 * and critical ones, or `every` one.
 */
export function accessibilityLog(keep: 'serious' | 'every' = 'serious') {
  const found: string[] = [];
  return {
    found,
    async check(page: Page, screen: string) {
      for (const violation of await accessibilityViolations(page))
        if (keep === 'every' || /\((serious|critical)\)/.test(violation))
          found.push(`${screen}: ${violation}`);
    },
  };
}

/** At Jinju Yonam's desk: signs in and scans a member's card, until the member's panel shows. */
export async function openMemberAtDesk(page: Page, url: (path: string) => string, card: string) {
  await page.goto(url('/desk'));
  await page.getByLabel('아이디').fill('jinju-yonam-desk');
  await page.getByLabel('비밀번호').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '로그인' }).click();
  await page.getByLabel('회원카드 번호').waitFor();
  await page.keyboard.type(card);
  await page.keyboard.press('Enter');
  await page.locator('.member-panel').waitFor();
}
