/**
 * Desk traffic through the HTTP API: each worker is a desk at a library, signed in as that
 * library's desk account, lending its borrowers its items. A cycle is a checkout, sometimes the
 * member's status or a renewal, and the return of the same item; the pair counts when both the
 * checkout and the return succeeded.
 */

import { staffUsername } from '../../src/seed/demo-accounts.js';
import { BENCH_PASSWORD } from '../generate/network.js';
import { Rng } from '../generate/random.js';
import { HttpClient, type HttpResult, problemCode } from './http-client.js';
import type { Worker } from './pools.js';
import { type PhaseClock, type PhaseSummary, phaseWindow, Recorder } from './stats.js';

export interface DeskSession {
  cookie: string;
  csrfToken: string;
}

export interface DeskMix {
  /** Chance that a cycle also looks up the member's status (GET …/loans). */
  status: number;
  /** Chance that a cycle renews the loan before returning it. */
  renew: number;
}

export const DESK_MIX: DeskMix = { status: 0.25, renew: 0.1 };
export const CHECKOUT_RETURN_ONLY: DeskMix = { status: 0, renew: 0 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Signs in one desk per library, one after the other (sign-in is rate-limited per address). */
export async function signInDesks(
  baseUrl: string,
  codes: readonly string[],
): Promise<Map<string, DeskSession>> {
  const client = new HttpClient(baseUrl, 1);
  const sessions = new Map<string, DeskSession>();
  try {
    for (const code of new Set(codes)) {
      for (let attempt = 0; ; attempt++) {
        const body = JSON.stringify({
          username: staffUsername(code, 'desk'),
          password: BENCH_PASSWORD,
        });
        const response = await client.request('POST', '/api/v1/staff/sign-in', {}, body);
        if (response.status === 429 && attempt < 10) {
          await sleep(5_000);
          continue;
        }
        if (response.status !== 200) {
          throw new Error(`desk sign-in at ${code} failed: ${response.status} ${response.body}`);
        }
        const cookie = response.setCookie
          ?.map((c) => c.split(';')[0]!)
          .find((c) => c.startsWith('lo_session='));
        if (!cookie) throw new Error(`desk sign-in at ${code} set no session cookie`);
        const { csrfToken } = JSON.parse(response.body) as { csrfToken: string };
        sessions.set(code, { cookie, csrfToken });
        break;
      }
    }
  } finally {
    client.close();
  }
  return sessions;
}

export interface DeskLoadOptions extends PhaseClock {
  baseUrl: string;
  workers: Worker[];
  sessions: Map<string, DeskSession>;
  mix: DeskMix;
  /** Checkouts only (items are not returned): for the embedded comparison. */
  checkoutOnly?: boolean;
}

export async function runDeskLoad(options: DeskLoadOptions): Promise<PhaseSummary> {
  const client = new HttpClient(options.baseUrl, options.workers.length);
  const { start, end } = phaseWindow(options);
  const recorder = new Recorder(start, end);
  try {
    await Promise.all(
      options.workers.map((worker) => deskWorker(client, worker, options, recorder, end)),
    );
  } finally {
    client.close();
  }
  return recorder.summary();
}

async function deskWorker(
  client: HttpClient,
  worker: Worker,
  options: DeskLoadOptions,
  recorder: Recorder,
  end: number,
): Promise<void> {
  const session = options.sessions.get(worker.code);
  if (!session) throw new Error(`no desk session for ${worker.code}`);
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
  const rng = new Rng(worker.index, 31);
  const items = [...worker.items];
  const timed = async (op: string, method: string, path: string, body: unknown, ok: number) => {
    const started = performance.now();
    let result: HttpResult;
    try {
      result = await client.request(
        method,
        path,
        headers,
        body === undefined ? undefined : JSON.stringify(body),
      );
    } catch (error) {
      recorder.request(op, started, performance.now(), (error as Error).message);
      return undefined;
    }
    const ended = performance.now();
    if (result.status !== ok) {
      recorder.request(op, started, ended, problemCode(result));
      return undefined;
    }
    recorder.request(op, started, ended);
    return result;
  };
  let cycle = 0;
  while (performance.now() < recorder.windowEnd) {
    if (items.length === 0 || (options.checkoutOnly && cycle >= worker.borrowers.length * 4)) {
      // Checkouts only: the measured window ends with the first desk that has nothing to lend.
      if (options.checkoutOnly)
        recorder.ranOut(performance.now(), 'a desk ran out of borrowers or items');
      break;
    }
    const borrower = worker.borrowers[cycle % worker.borrowers.length]!;
    const itemIndex = cycle % items.length;
    const item = items[itemIndex]!;
    cycle += 1;
    if (options.checkoutOnly) {
      // Each borrower takes at most four items here (the library's limit is five).
      items.splice(itemIndex, 1);
      await timed(
        'checkout',
        'POST',
        '/api/v1/checkouts',
        { cardNumber: borrower.card, itemBarcode: item },
        201,
      );
      continue;
    }
    const lent = await timed(
      'checkout',
      'POST',
      '/api/v1/checkouts',
      { cardNumber: borrower.card, itemBarcode: item },
      201,
    );
    if (!lent) continue;
    if (rng.chance(options.mix.status)) {
      await timed('status', 'GET', `/api/v1/members/${borrower.memberId}/loans`, undefined, 200);
    }
    if (rng.chance(options.mix.renew)) {
      await timed('renew', 'POST', '/api/v1/renewals', { itemBarcode: item }, 200);
    }
    const returned = await timed('return', 'POST', '/api/v1/returns', { itemBarcode: item }, 200);
    if (returned) recorder.pair(performance.now());
    else items.splice(itemIndex, 1);
  }
  if (!options.checkoutOnly && performance.now() < end) {
    recorder.note('a desk ran out of borrowers or items before the end');
  }
}
