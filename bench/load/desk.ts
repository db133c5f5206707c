/**
 * Desk traffic through the HTTP API: each worker is a desk at a library, signed in as that
 * library's desk account, lending its borrowers its items. With the web desk's mix (DESK_MIX) a
 * cycle is a visit as web/src/desk sends it: the card scanned (GET /cards/{n}, whose answer
 * carries the member's status), each item lent with an Idempotency-Key (the answer carries the
 * status after the loan), sometimes a renewal (key; its answer carries the status too), then the
 * items returned (key each). A pair counts when both the checkout and the return of an item
 * succeeded. With `holds`, a visit sometimes has the next borrower hold its first item (예약,
 * issue 20): its return then sets the copy aside, and the holder collects it (a checkout, counted
 * as `collect`) and returns it. With `lateReturn`, a visit sometimes also brings back an overdue
 * copy lent to another member (`late return`, not a pair: it suspends that member).
 */
import { randomUUID } from 'node:crypto';

import { staffUsername } from '../../src/seed/demo-accounts.js';
import { Rng } from '../../src/seed/generate/random.js';
import { BENCH_PASSWORD } from '../generate/network.js';
import { HttpClient, type HttpResult, problemCode } from './http-client.js';
import type { Worker } from './pools.js';
import { type PhaseClock, type PhaseSummary, phaseWindow, Recorder } from './stats.js';

export interface DeskSession {
  cookie: string;
  csrfToken: string;
}

export interface DeskMix {
  /** A visit opens with the card scanned: GET /cards/{n} (its answer carries the status). */
  scanCard: boolean;
  /** Items lent per visit (each returned after). */
  itemsPerVisit: number;
  /**
   * Chance that a lend (and a renewal) is followed by a look at the member's status (GET …/loans).
   * The web desk sends none: the checkout's and the renewal's answers carry the status.
   */
  status: number;
  /** Chance that a visit renews its first loan before the return. */
  renew: number;
  /** An Idempotency-Key on every write, as the web desk sends. */
  keys: boolean;
  /**
   * Chance that a visit's first item is held by the next borrower before it comes back: the hold
   * (POST /holds), the trap on its return, the holder's collection and return (issue 20).
   */
  holds?: number;
  /**
   * Chance that a visit also brings back a copy lent to someone else and overdue (a late return:
   * the locked path, which suspends that member). Each desk has a run's worth, taken back once.
   */
  lateReturn?: number;
}

/** What the web desk sends (web/src/desk/Circulation.tsx, visit.ts, Returns.tsx). */
export const DESK_MIX: DeskMix = {
  scanCard: true,
  itemsPerVisit: 2,
  status: 0,
  renew: 0.1,
  keys: true,
  holds: 0.1,
  lateReturn: 0.05,
};
/** Checkout and return only (with keys): the history and embedded comparisons. */
export const CHECKOUT_RETURN_ONLY: DeskMix = {
  scanCard: false,
  itemsPerVisit: 1,
  status: 0,
  renew: 0,
  keys: true,
};

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
  /**
   * Requests a second each desk is offered (a fixed pace, not as fast as answers come): each
   * request is due one interval after the one before, and its latency counts from then.
   */
  pace?: number;
}

/**
 * When a paced desk's requests are due: one interval apart, the first desk's at once and the
 * others' spread over the first interval (desks do not scan in step). A request answered late
 * leaves the next ones due when they were, so a slow answer shows in the latencies that follow
 * (within the measured window; see `catchUp`).
 */
export class DeskPace {
  #due: number;

  constructor(
    readonly intervalMs: number,
    desk: number,
    desks: number,
    now: number,
  ) {
    this.#due = now + (intervalMs * desk) / desks;
  }

  next(): number {
    const due = this.#due;
    this.#due += this.intervalMs;
    return due;
  }

  /**
   * The measured window opens: a desk still behind from the load's start (a service's first
   * seconds under a new load are slow) is due from now, so that the window measures the pace,
   * not the warm-up's backlog draining at what room the machine has left.
   */
  catchUp(now: number): void {
    if (this.#due < now) this.#due = now;
  }
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
  const { mix } = options;
  const pace = options.pace
    ? new DeskPace(1000 / options.pace, worker.index, options.workers.length, performance.now())
    : null;
  let windowOpened = false;
  const startAt = async () => {
    if (pace && !windowOpened && performance.now() >= recorder.windowStart) {
      windowOpened = true;
      pace.catchUp(performance.now());
    }
    const due = pace?.next();
    if (due === undefined) return performance.now();
    const early = due - performance.now();
    if (early > 0) await sleep(early);
    return due;
  };
  const timed = async (op: string, method: string, path: string, body: unknown, ok: number) => {
    const started = await startAt();
    let result: HttpResult;
    try {
      result = await client.request(
        method,
        path,
        method === 'POST' && mix.keys ? { ...headers, 'idempotency-key': randomUUID() } : headers,
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
  const status = async (memberId: number) => {
    if (rng.chance(mix.status)) {
      await timed('status', 'GET', `/api/v1/members/${memberId}/loans`, undefined, 200);
    }
  };
  let cycle = 0;
  let next = 0;
  let ranOutOfOverdue = false;
  while (performance.now() < recorder.windowEnd) {
    if (items.length === 0 || (options.checkoutOnly && cycle >= worker.borrowers.length * 4)) {
      // Checkouts only: the measured window ends with the first desk that has nothing to lend.
      if (options.checkoutOnly)
        recorder.ranOut(performance.now(), 'a desk ran out of borrowers or items');
      break;
    }
    const borrower = worker.borrowers[cycle % worker.borrowers.length]!;
    cycle += 1;
    if (options.checkoutOnly) {
      // Each borrower takes at most four items here (the library's limit is five).
      const item = items.splice(next % items.length, 1)[0]!;
      await timed(
        'checkout',
        'POST',
        '/api/v1/checkouts',
        { cardNumber: borrower.card, itemBarcode: item },
        201,
      );
      continue;
    }
    if (mix.scanCard) {
      const card = await timed('lookup', 'GET', `/api/v1/cards/${borrower.card}`, undefined, 200);
      if (!card) continue;
    }
    const lent: string[] = [];
    for (let i = 0; i < mix.itemsPerVisit && items.length > 0; i++) {
      const item = items[next++ % items.length]!;
      if (lent.includes(item)) break;
      const done = await timed(
        'checkout',
        'POST',
        '/api/v1/checkouts',
        { cardNumber: borrower.card, itemBarcode: item },
        201,
      );
      if (!done) continue;
      lent.push(item);
      await status(borrower.memberId);
    }
    if (lent.length > 0 && rng.chance(mix.renew)) {
      const renewed = await timed(
        'renew',
        'POST',
        '/api/v1/renewals',
        { itemBarcode: lent[0] },
        200,
      );
      if (renewed) await status(borrower.memberId);
    }
    // 예약: the next borrower holds the first item while it is out (a title with another copy on
    // the shelf here is refused, HOLD_NOT_NEEDED: then nothing is held).
    const holder = worker.borrowers[cycle % worker.borrowers.length]!;
    const held =
      lent.length > 0 && holder.card !== borrower.card && rng.chance(mix.holds ?? 0)
        ? await timed(
            'hold',
            'POST',
            '/api/v1/holds',
            { cardNumber: holder.card, itemBarcode: lent[0] },
            201,
          )
        : undefined;
    for (const item of lent) {
      const returned = await timed('return', 'POST', '/api/v1/returns', { itemBarcode: item }, 200);
      if (returned) recorder.pair(performance.now());
      else items.splice(items.indexOf(item), 1);
    }
    if (held && lent[0]) {
      // The return set the copy aside: the holder collects it, and brings it back.
      const collected = await timed(
        'collect',
        'POST',
        '/api/v1/checkouts',
        { cardNumber: holder.card, itemBarcode: lent[0] },
        201,
      );
      if (collected) {
        const back = await timed(
          'return',
          'POST',
          '/api/v1/returns',
          { itemBarcode: lent[0] },
          200,
        );
        if (back) recorder.pair(performance.now());
      }
    }
    if (rng.chance(mix.lateReturn ?? 0)) {
      const overdue = worker.overdue.shift();
      if (overdue) {
        await timed('late return', 'POST', '/api/v1/returns', { itemBarcode: overdue }, 200);
      } else if (!ranOutOfOverdue) {
        ranOutOfOverdue = true;
        recorder.note('a desk ran out of overdue copies to take back');
      }
    }
  }
  if (!options.checkoutOnly && performance.now() < end) {
    recorder.note('a desk ran out of borrowers or items before the end');
  }
}
