import { randomUUID } from 'node:crypto';
import { DEMO_TERMINAL_PASSWORD } from '../src/modules/terminals/terminals.js';
import { DEMO_STAFF_PASSWORD } from '../src/seed/demo-accounts.js';
import { Sip2Client } from '../src/sip2/client.js';
import { say } from '../src/sip2/screen.js';
import { deskUsername, type FixtureLibrary, type Fixtures, terminalUsername } from './fixtures.js';

export type OpKind =
  | 'register'
  | 'check-in'
  | 'checkout'
  | 'return'
  | 'renew'
  | 'hold'
  | 'request-place'
  | 'request-send'
  | 'request-receive'
  | 'request-home';
/**
 * acked: the client got a success answer. applied: the service said the request was applied but
 * its answer was lost in a crash (CONFLICT, state applied). refused: a definite refusal (nothing
 * done). unknown: no answer (connection lost, gave up): it may or may not have been applied.
 */
export type Outcome = 'acked' | 'applied' | 'refused' | 'unknown';

export interface Op {
  id: number;
  kind: OpKind;
  channel: 'http' | 'sip2';
  libraryId: number;
  card?: string;
  memberId?: number;
  barcode?: string;
  phone?: string;
  key?: string;
  started: number;
  ended: number;
  outcome: Outcome;
  code?: string;
  attempts: number;
  /** From the answer: loan id, renewal count, member id … */
  loanId?: number;
  renewals?: number;
  /** A SIP2 checkout of an item the patron already had renewed it instead. */
  renewedByCheckout?: boolean;
  /**
   * A machine's checkout, renewal or return answered as one made earlier today ("오늘 이미 …"),
   * with no new effect (docs/decisions.md, "A machine's message sent again the same day is
   * answered as the first").
   */
  repeat?: boolean;
  /** A hold placed (its id from the answer). */
  holdId?: number;
  /** A return that set the copy aside for a hold. */
  trapped?: boolean;
  /** The inter-library request a request step is about (its id from the placement's answer). */
  requestId?: number;
  /** "Applied, answer lost": the id of what it made or changed, as that CONFLICT said. */
  appliedId?: number;
}

interface KnownMember {
  id: number;
  card: string;
  pin: string | null;
  homeLibraryId: number;
  checkedIn: Set<number>;
}

/** What the clients believe (from acknowledged answers); only used to pick sensible requests. */
export class World {
  readonly members: KnownMember[] = [];
  readonly onLoan = new Map<string, { card: string }>(); // `${libraryId}:${barcode}`
  /** Request titles on a journey (or lost on one): not requested again. */
  readonly requested = new Set<string>();
  /** Cards waiting for an item's title, in the order their holds were acknowledged. */
  readonly holders = new Map<string, string[]>();
  /** Copies set aside for a hold, with the card first in line when it was set aside. */
  readonly trapped = new Map<string, string>();
  readonly ops: Op[] = [];
  /** HTTP answers 500 and above other than 503 (which is retried): expected none. */
  serverErrors = 0;
  #nextOp = 1;
  #phone = 0;
  readonly nonce = Math.floor(Math.random() * 900) + 100;

  constructor(readonly fixtures: Fixtures) {
    for (const m of fixtures.members) {
      this.members.push({ ...m, checkedIn: new Set(m.checkedIn) });
    }
    for (const loan of fixtures.overdue) {
      this.onLoan.set(`${loan.libraryId}:${loan.barcode}`, { card: loan.card });
    }
  }

  newOp(fields: Omit<Op, 'id' | 'started' | 'ended' | 'outcome' | 'attempts'>): Op {
    const op: Op = {
      id: this.#nextOp++,
      started: Date.now(),
      ended: 0,
      outcome: 'unknown',
      attempts: 0,
      ...fields,
    };
    this.ops.push(op);
    return op;
  }

  newPhone(): string {
    this.#phone++;
    return `010-${this.nonce}${this.#phone % 10}-${String(Math.floor(this.#phone / 10)).padStart(4, '0')}`;
  }

  eligibleAt(libraryId: number): KnownMember[] {
    return this.members.filter((m) => m.checkedIn.has(libraryId));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T | undefined =>
  items.length === 0 ? undefined : items[Math.floor(Math.random() * items.length)];

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The id of what a write made or changed: read from its answer, or — when the service said it was
 * applied but its answer was lost (CONFLICT, state applied) — the `id` that refusal carries.
 */
function madeId(
  op: Op,
  answer: Answer | null,
  fromAnswer: (body: Answer['body']) => unknown,
): number | undefined {
  if (!answer) return undefined;
  if (op.outcome === 'applied') {
    const reasons = answer.body.reasons as { params?: { id?: unknown } }[] | undefined;
    const id = reasons?.[0]?.params?.id;
    if (typeof id === 'number') op.appliedId = id;
    return op.appliedId;
  }
  const id = op.outcome === 'acked' ? fromAnswer(answer.body) : undefined;
  return typeof id === 'number' ? id : undefined;
}

const loanOf = (body: Answer['body']) => (body.loan as { id?: unknown } | undefined)?.id;

/**
 * A desk at one library over HTTP: signs in, and sends every write with an Idempotency-Key;
 * when the service is gone (connection refused or reset, 503) it retries the same request with
 * the same key until it gets an answer or the run ends.
 */
export class Desk {
  #cookie: string | undefined;
  #csrf: string | undefined;

  constructor(
    readonly base: string,
    readonly library: FixtureLibrary,
    readonly world: World,
    readonly until: () => boolean,
    /** Another account than the library's desk (a member, for the portal). */
    readonly account?: { path: string; body: Record<string, string> },
  ) {}

  /** One write of another client's flow (a request's step), retried with its key. */
  post(op: Op, path: string, body: unknown): Promise<Answer | null> {
    return this.#write(op, path, body);
  }

  async #send(method: string, path: string, body?: unknown, key?: string): Promise<Answer> {
    const headers: Record<string, string> = { 'accept-language': 'en' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.#cookie) headers.cookie = this.#cookie;
    if (this.#csrf && method !== 'GET') headers['x-csrf-token'] = this.#csrf;
    if (key) headers['idempotency-key'] = key;
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(20_000),
    });
    const setCookie = response.headers.get('set-cookie');
    const match = setCookie ? /lo_session=([^;]*)/.exec(setCookie) : null;
    if (match?.[1]) this.#cookie = `lo_session=${match[1]}`;
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { unparsable: text.slice(0, 200) };
    }
    return { status: response.status, body: parsed };
  }

  async signIn(): Promise<void> {
    while (this.until()) {
      try {
        this.#cookie = undefined;
        const answer = this.account
          ? await this.#send('POST', this.account.path, this.account.body)
          : await this.#send('POST', '/api/v1/staff/sign-in', {
              username: deskUsername(this.library.code),
              password: DEMO_STAFF_PASSWORD,
            });
        if (answer.status === 200) {
          this.#csrf = String(answer.body.csrfToken);
          return;
        }
      } catch {
        // the service is restarting
      }
      await sleep(300);
    }
  }

  /** One write, retried with its key until answered. */
  async #write(op: Op, path: string, body: unknown): Promise<Answer | null> {
    op.key = `crash-${op.id}-${randomUUID().slice(0, 8)}`;
    let backoff = 100;
    while (this.until()) {
      op.attempts++;
      try {
        const answer = await this.#send('POST', path, body, op.key);
        const code = typeof answer.body.code === 'string' ? answer.body.code : undefined;
        const reasons = answer.body.reasons as { params?: { state?: string } }[] | undefined;
        const state = reasons?.[0]?.params?.state;
        if (answer.status === 503 || (answer.status === 409 && state === 'in-progress')) {
          // unavailable, or the first attempt is still being resolved: later, with the same key
        } else if (answer.status === 401 && code === 'UNAUTHENTICATED') {
          await this.signIn();
          continue;
        } else if (answer.status === 409 && state === 'applied') {
          op.outcome = 'applied';
          op.ended = Date.now();
          return answer;
        } else if (answer.status >= 500) {
          // Never expected (503 is retried above): counted, and the outcome is unknown.
          this.world.serverErrors++;
          op.code = code ?? String(answer.status);
          op.ended = Date.now();
          return null;
        } else {
          op.outcome = answer.status < 300 ? 'acked' : 'refused';
          if (code) op.code = code;
          op.ended = Date.now();
          return answer;
        }
      } catch {
        // connection refused or reset, timeout: the answer (if any) was lost; retry
      }
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 1_000);
    }
    op.ended = Date.now();
    return null;
  }

  async step(): Promise<void> {
    const roll = Math.random();
    if (roll < 0.08) return this.register();
    if (roll < 0.18) return this.checkIn();
    if (roll < 0.28) return this.hold();
    if (roll < 0.55) return this.checkout();
    if (roll < 0.8) return this.returnItem();
    return this.renew();
  }

  async register(): Promise<void> {
    const phone = this.world.newPhone();
    const withPin = Math.random() < 0.5;
    const op = this.world.newOp({
      kind: 'register',
      channel: 'http',
      libraryId: this.library.id,
      phone,
    });
    const answer = await this.#write(op, '/api/v1/members', {
      name: `충돌시험${op.id}`,
      birthDate: `19${50 + (op.id % 50)}-0${1 + (op.id % 9)}-2${op.id % 8}`,
      phone,
      idDocumentType: 'resident_registration_card',
      ...(withPin ? { pin: '258013' } : {}),
      consent: true,
    });
    op.memberId = madeId(op, answer, (body) => body.id);
    if (op.outcome === 'acked' && answer && op.memberId !== undefined) {
      const card = (answer.body.card as { number: string }).number;
      op.card = card;
      this.world.members.push({
        id: op.memberId,
        card,
        pin: withPin ? '258013' : null,
        homeLibraryId: this.library.id,
        checkedIn: new Set([this.library.id]),
      });
    }
  }

  async checkIn(): Promise<void> {
    const member = pick(this.world.members.filter((m) => !m.checkedIn.has(this.library.id)));
    if (!member) return this.checkout();
    const op = this.world.newOp({
      kind: 'check-in',
      channel: 'http',
      libraryId: this.library.id,
      memberId: member.id,
      card: member.card,
    });
    const answer = await this.#write(op, `/api/v1/members/${member.id}/check-ins`, {
      idDocumentType: 'passport',
      cardNumber: member.card,
    });
    // The member is known; read only so that an "applied" answer naming them is counted.
    madeId(op, answer, () => member.id);
    if (op.outcome === 'acked' || op.outcome === 'applied') member.checkedIn.add(this.library.id);
  }

  /** A hold for a member on a copy out on loan here (issue 20): the desk places it by barcode. */
  async hold(): Promise<void> {
    const lent = [...this.world.onLoan.entries()].filter(([k]) =>
      k.startsWith(`${this.library.id}:`),
    );
    const chosen = pick(lent);
    if (!chosen) return this.checkout();
    const [key, loan] = chosen;
    const member = pick(this.world.eligibleAt(this.library.id).filter((m) => m.card !== loan.card));
    if (!member) return this.checkout();
    const barcode = key.slice(key.indexOf(':') + 1);
    const op = this.world.newOp({
      kind: 'hold',
      channel: 'http',
      libraryId: this.library.id,
      card: member.card,
      memberId: member.id,
      barcode,
    });
    const answer = await this.#write(op, '/api/v1/holds', {
      cardNumber: member.card,
      itemBarcode: barcode,
    });
    op.holdId = madeId(op, answer, (body) => body.id);
    if (op.outcome === 'acked' || op.outcome === 'applied') {
      this.world.holders.set(key, [...(this.world.holders.get(key) ?? []), member.card]);
    }
  }

  async checkout(): Promise<void> {
    // Often the member a copy was set aside for comes to collect it.
    const waiting = [...this.world.trapped.entries()].filter(([k]) =>
      k.startsWith(`${this.library.id}:`),
    );
    const collect = Math.random() < 0.5 ? pick(waiting) : undefined;
    if (collect) {
      const [key, card] = collect;
      const holder = this.world.members.find((m) => m.card === card);
      if (holder) return this.lend(holder, key.slice(key.indexOf(':') + 1));
    }
    const member = pick(this.world.eligibleAt(this.library.id));
    const free = this.library.items.filter(
      (b) => !this.world.onLoan.has(`${this.library.id}:${b}`),
    );
    const barcode = pick(free.length > 0 ? free : this.library.items);
    if (!member || !barcode) return;
    return this.lend(member, barcode);
  }

  async lend(member: KnownMember, barcode: string): Promise<void> {
    const op = this.world.newOp({
      kind: 'checkout',
      channel: 'http',
      libraryId: this.library.id,
      card: member.card,
      memberId: member.id,
      barcode,
    });
    const answer = await this.#write(op, '/api/v1/checkouts', {
      cardNumber: member.card,
      itemBarcode: barcode,
    });
    op.loanId = madeId(op, answer, loanOf);
    if (op.outcome === 'acked' || op.outcome === 'applied') {
      const key = `${this.library.id}:${barcode}`;
      this.world.onLoan.set(key, { card: member.card });
      this.world.trapped.delete(key);
      this.world.holders.set(
        key,
        (this.world.holders.get(key) ?? []).filter((card) => card !== member.card),
      );
    }
  }

  async returnItem(): Promise<void> {
    const lent = [...this.world.onLoan.keys()].filter((k) => k.startsWith(`${this.library.id}:`));
    const key = pick(lent);
    const barcode = key ? key.slice(key.indexOf(':') + 1) : pick(this.library.items);
    if (!barcode) return;
    const op = this.world.newOp({
      kind: 'return',
      channel: 'http',
      libraryId: this.library.id,
      barcode,
    });
    const answer = await this.#write(op, '/api/v1/returns', { itemBarcode: barcode });
    op.loanId = madeId(op, answer, loanOf);
    if (op.outcome === 'acked' && answer?.body.heldFor) {
      op.trapped = true;
      const key = `${this.library.id}:${barcode}`;
      const first = this.world.holders.get(key)?.[0];
      if (first) this.world.trapped.set(key, first);
    }
    if (op.outcome === 'acked' || op.outcome === 'applied' || op.code === 'ITEM_NOT_ON_LOAN') {
      this.world.onLoan.delete(`${this.library.id}:${barcode}`);
    }
  }

  async renew(): Promise<void> {
    const lent = [...this.world.onLoan.keys()].filter((k) => k.startsWith(`${this.library.id}:`));
    const key = pick(lent);
    if (!key) return this.checkout();
    const barcode = key.slice(key.indexOf(':') + 1);
    const op = this.world.newOp({
      kind: 'renew',
      channel: 'http',
      libraryId: this.library.id,
      barcode,
    });
    const answer = await this.#write(op, '/api/v1/renewals', { itemBarcode: barcode });
    op.loanId = madeId(op, answer, loanOf);
    if (op.outcome === 'acked' && answer) {
      op.renewals = (answer.body.loan as { renewals: number }).renewals;
    }
  }
}

const done = (op: Op) => op.outcome === 'acked' || op.outcome === 'applied';

/** Whether a machine's answer says the checkout, renewal or return was made earlier today. */
function saysAlready(
  sentence: 'alreadyLent' | 'alreadyRenewed' | 'alreadyReturned',
  answer: { screenMessage?: string | undefined; dueDate?: string | undefined },
): boolean {
  return (['ko', 'en'] as const).some((language) =>
    answer.screenMessage?.startsWith(say(sentence, language, { dueDate: answer.dueDate ?? '' })),
  );
}

/**
 * A member who requests titles held at other libraries (rules.md "Inter-library requests") and
 * takes each through its whole journey over HTTP, every step with its Idempotency-Key and retried
 * through the kills: placed on the portal, sent by the lending desk, received and lent at the
 * pickup desk, returned there, received home. A refused step ends that request's journey.
 */
export class Requester {
  readonly #desks = new Map<number, Desk>();
  readonly #portal: Desk;

  constructor(
    readonly base: string,
    readonly member: { id: number; card: string; homeLibraryId: number },
    password: string,
    readonly libraries: FixtureLibrary[],
    readonly titles: { libraryId: number; barcode: string; recordId: number }[],
    readonly world: World,
    readonly until: () => boolean,
  ) {
    const home = libraries.find((l) => l.id === member.homeLibraryId)!;
    this.#portal = new Desk(base, home, world, until, {
      path: '/api/v1/members/sign-in',
      body: { login: member.card, password },
    });
  }

  async #desk(libraryId: number): Promise<Desk> {
    let desk = this.#desks.get(libraryId);
    if (!desk) {
      const library = this.libraries.find((l) => l.id === libraryId)!;
      desk = new Desk(this.base, library, this.world, this.until);
      await desk.signIn();
      this.#desks.set(libraryId, desk);
    }
    return desk;
  }

  async signIn(): Promise<void> {
    await this.#portal.signIn();
  }

  async step(): Promise<void> {
    const pickup = this.member.homeLibraryId;
    const title = pick(
      this.titles.filter((t) => t.libraryId !== pickup && !this.world.requested.has(t.barcode)),
    );
    if (!title) {
      await sleep(200);
      return;
    }
    this.world.requested.add(title.barcode);
    const lender = title.libraryId;
    const base = { channel: 'http' as const, memberId: this.member.id, barcode: title.barcode };
    const place = this.world.newOp({ ...base, kind: 'request-place', libraryId: pickup });
    const placed = await this.#portal.post(place, '/api/v1/me/requests', {
      recordId: title.recordId,
      pickupLibraryId: pickup,
    });
    if (!done(place)) return;
    const requestId = madeId(place, placed, (body) => body.id);
    const steps: [Op, number, string, unknown][] = [
      [
        this.world.newOp({ ...base, kind: 'request-send', libraryId: lender }),
        lender,
        '/api/v1/requests/sent',
        { itemBarcode: title.barcode },
      ],
      [
        this.world.newOp({ ...base, kind: 'request-receive', libraryId: pickup }),
        pickup,
        '/api/v1/requests/received',
        { itemBarcode: title.barcode },
      ],
      // The collection and the return are a loan of the lending library's copy (verified as
      // any loan of it is), made and ended at the pickup library.
      [
        this.world.newOp({ ...base, kind: 'checkout', libraryId: lender, card: this.member.card }),
        pickup,
        '/api/v1/checkouts',
        { cardNumber: this.member.card, itemBarcode: title.barcode },
      ],
      [
        this.world.newOp({ ...base, kind: 'return', libraryId: lender }),
        pickup,
        '/api/v1/returns',
        { itemBarcode: title.barcode },
      ],
      [
        this.world.newOp({ ...base, kind: 'request-home', libraryId: lender }),
        lender,
        '/api/v1/requests/received-home',
        { itemBarcode: title.barcode },
      ],
    ];
    for (const [op, at, path, body] of steps) {
      if (!this.until()) return;
      if (requestId !== undefined) op.requestId = requestId;
      const answer = await (await this.#desk(at)).post(op, path, body);
      if (op.kind === 'checkout' || op.kind === 'return') op.loanId = madeId(op, answer, loanOf);
      else {
        // Read even when the placement gave the id: an "applied" answer names its request.
        const request = madeId(
          op,
          answer,
          (body) => (body.request as { id?: unknown } | undefined)?.id,
        );
        op.requestId ??= request;
      }
      if (!done(op)) return;
    }
    // Home again: the title may be requested again.
    this.world.requested.delete(title.barcode);
  }
}

/**
 * A self-check machine at one library over SIP2. It logs in (again after every lost
 * connection); a request whose answer is lost is not sent again (a machine tells the patron
 * to see the desk), so it stays `unknown`.
 */
export class Machine {
  #client: Sip2Client | null = null;

  constructor(
    readonly port: number,
    readonly library: FixtureLibrary,
    readonly world: World,
    readonly until: () => boolean,
  ) {}

  async #connect(): Promise<Sip2Client | null> {
    while (this.until()) {
      try {
        const client = await Sip2Client.connect('127.0.0.1', this.port, {
          institutionId: this.library.code,
          timeoutMs: 15_000,
        });
        const login = await client.login({
          loginUserId: terminalUsername(this.library.code),
          loginPassword: DEMO_TERMINAL_PASSWORD,
        });
        if (login.ok) return client;
        await client.close().catch(() => {});
      } catch {
        // the service is restarting
      }
      await sleep(300);
    }
    return null;
  }

  async close(): Promise<void> {
    await this.#client?.close().catch(() => {});
    this.#client = null;
  }

  async step(): Promise<void> {
    this.#client ??= await this.#connect();
    const client = this.#client;
    if (!client) return;
    const roll = Math.random();
    const lent = [...this.world.onLoan.entries()].filter(([k]) =>
      k.startsWith(`${this.library.id}:`),
    );
    let op: Op | undefined;
    try {
      if (roll < 0.45 || lent.length === 0) {
        const member = pick(this.world.eligibleAt(this.library.id));
        const barcode = pick(
          this.library.items.filter((b) => !this.world.onLoan.has(`${this.library.id}:${b}`)),
        );
        if (!member || !barcode) return;
        op = this.world.newOp({
          kind: 'checkout',
          channel: 'sip2',
          libraryId: this.library.id,
          card: member.card,
          memberId: member.id,
          barcode,
        });
        op.attempts = 1;
        const answer = await client.checkout({
          patronIdentifier: member.card,
          itemIdentifier: barcode,
          ...(member.pin ? { patronPassword: member.pin } : {}),
        });
        this.#settle(op, answer.ok, answer.screenMessage);
        if (answer.ok) {
          op.renewedByCheckout = answer.renewalOk;
          op.repeat = saysAlready('alreadyLent', answer);
          this.world.onLoan.set(`${this.library.id}:${barcode}`, { card: member.card });
        }
      } else if (roll < 0.8) {
        const [key] = pick(lent)!;
        const barcode = key.slice(key.indexOf(':') + 1);
        op = this.world.newOp({
          kind: 'return',
          channel: 'sip2',
          libraryId: this.library.id,
          barcode,
        });
        op.attempts = 1;
        const answer = await client.checkin({ itemIdentifier: barcode, currentLocation: '' });
        this.#settle(op, answer.ok, answer.screenMessage);
        if (answer.ok) op.repeat = saysAlready('alreadyReturned', answer);
        if (answer.ok || op.code === 'ITEM_NOT_ON_LOAN') {
          this.world.onLoan.delete(`${this.library.id}:${barcode}`);
        }
      } else {
        const [key, loan] = pick(lent)!;
        const barcode = key.slice(key.indexOf(':') + 1);
        const member = this.world.members.find((m) => m.card === loan.card);
        op = this.world.newOp({
          kind: 'renew',
          channel: 'sip2',
          libraryId: this.library.id,
          card: loan.card,
          barcode,
        });
        op.attempts = 1;
        const answer = await client.renew({
          patronIdentifier: loan.card,
          itemIdentifier: barcode,
          ...(member?.pin ? { patronPassword: member.pin } : {}),
        });
        this.#settle(op, answer.ok, answer.screenMessage);
        if (answer.ok) op.repeat = saysAlready('alreadyRenewed', answer);
      }
    } catch {
      // The connection went away mid-request: the outcome stays unknown.
      if (op) op.ended = Date.now();
      await this.close();
    }
  }

  #settle(op: Op, ok: boolean, screenMessage: string | undefined): void {
    op.ended = Date.now();
    op.outcome = ok ? 'acked' : 'refused';
    const code = /^\[([A-Z_]+)\]/.exec(screenMessage ?? '')?.[1];
    if (!ok && code) op.code = code;
    // Off-line or failed mid-way: the database may have committed before the connection broke.
    if (code === 'SERVICE_UNAVAILABLE' || code === 'INTERNAL_ERROR') op.outcome = 'unknown';
  }
}
