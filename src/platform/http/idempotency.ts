import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { Type } from 'typebox';
import type { Clock } from '../clock.js';
import {
  type Answering,
  type CommitGuard,
  type FinalAnswer,
  runWithCommitGuard,
} from '../db/commit-guard.js';
import { isUniqueViolation } from '../db/errors.js';
import { compiledOnce, PREPARED } from '../db/prepared.js';
import type { DB } from '../db/schema.js';
import { AppError, validationFailed } from '../errors.js';
import { problemBody } from './problem.js';
import type { App } from './server.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** `status_code` of a request still being processed (or whose process died before answering). */
const IN_PROGRESS = 0;
/**
 * How long a request being processed by another process is presumed alive. After that a retry
 * may take its key over: if the first one is still running, its commit is then refused (fenced).
 */
export const IDEMPOTENCY_LEASE_MS = 10_000;

/** This process; owners of keys are `<boot>.<random>`. */
const BOOT = randomBytes(6).toString('hex');
/** Owners (keys being processed) of this process. */
const inFlight = new Set<string>();

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: Taken | null;
  }
  interface FastifyContextConfig {
    /**
     * Every effect of the route is written in a transaction (circulation's `writeOnce`): its
     * idempotency key is then recorded inside that transaction, with no round trip before it.
     */
    idempotentInTransaction?: boolean;
  }
}

/** A request holding its key: `recorded` once its transaction recorded the key (fast path). */
interface Taken {
  scope: string;
  key: string;
  owner: string;
  hash: string;
  fast: boolean;
  /** Fast path: the key was found recorded by another request when this one tried to commit. */
  found: boolean;
  /** Fast path: this request's transaction recorded the key (just before its COMMIT). */
  recorded: boolean;
  /**
   * The effect's statement (fast path) or its transaction's guard (`noteAnswer`) kept this answer
   * with the key: nothing is left to store.
   */
  answered: FinalAnswer | null;
}

/** What `response` holds while a request is in progress. */
interface Pending {
  owner?: string;
  applied?: boolean;
  /** Once applied: the id of what the request made or changed (`noteEffect`), when it said. */
  effect?: number | null;
}

interface StoredResponse {
  contentType: string;
  body: string;
}

function scopeOf(request: FastifyRequest): string {
  const actor = request.actor;
  if (!actor) return 'anonymous';
  if (actor.kind === 'staff') return `staff:${actor.staffId}`;
  if (actor.kind === 'member') return `member:${actor.memberId}`;
  return `terminal:${actor.terminalId}`;
}

/** How the use cases read a field of a request body, by its name (e.g. a card number's digits). */
export type FieldNormalisers = Readonly<Record<string, (value: string) => string>>;

/**
 * The validated body as the use case reads it: keys in one order, strings of the named fields
 * normalised (a card number typed with spaces is the same card), so that a client resending the
 * same request with its fields in another order gets the stored answer.
 */
export function canonicalBody(
  value: unknown,
  normalisers: FieldNormalisers,
  field?: string,
): unknown {
  if (typeof value === 'string') {
    const normalise = field === undefined ? undefined : normalisers[field];
    return normalise ? normalise(value) : value;
  }
  if (Array.isArray(value)) return value.map((entry) => canonicalBody(entry, normalisers, field));
  if (value === null || typeof value !== 'object') return value ?? null;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(
    entries.map(([key, entry]) => [key, canonicalBody(entry, normalisers, key)]),
  );
}

function requestHash(request: FastifyRequest, normalisers: FieldNormalisers): string {
  const body = JSON.stringify(canonicalBody(request.body ?? null, normalisers));
  return createHash('sha256').update(`${request.method} ${request.url}\n${body}`).digest('hex');
}

function newOwner(): string {
  return `${BOOT}.${randomBytes(8).toString('hex')}`;
}

/** Whether the owner of an in-progress key may still be working on it. */
function mayBeAlive(owner: string | undefined, since: Date, now: Date): boolean {
  if (!owner) return false;
  if (owner.startsWith(`${BOOT}.`)) return inFlight.has(owner);
  return now.getTime() - since.getTime() < IDEMPOTENCY_LEASE_MS;
}

/**
 * Marks the key applied inside the request's own transaction, just before it commits, if this
 * request still owns the key; otherwise the transaction rolls back. So the key's "applied" and the
 * effect commit together: after a crash the database alone tells whether a retry may run again.
 * When the work noted its final answer (`noteAnswer`), the key is kept answered instead, and
 * `answered` hears of it once the commit succeeded (nothing is left to store after it).
 */
export function applyGuard(
  scope: string,
  key: string,
  owner: string,
  answered: (answer: FinalAnswer) => void = () => {},
): CommitGuard {
  const guard: CommitGuard = async (connection, answer) => {
    const result = await connection.executeQuery(
      answer
        ? CompiledQuery.raw(
            `update idempotent_requests set status_code = $4, response = $5::jsonb
              where scope = $1 and key = $2 and status_code = ${IN_PROGRESS} and response->>'owner' = $3`,
            [scope, key, owner, answer.status, storedResponse(answer)],
          )
        : CompiledQuery.raw(
            `update idempotent_requests
                set response = response || jsonb_build_object('applied', true, 'effect', $4::bigint)
              where scope = $1 and key = $2 and status_code = ${IN_PROGRESS} and response->>'owner' = $3`,
            [scope, key, owner, guard.effectId ?? null],
          ),
    );
    if (result.numAffectedRows !== 1n) {
      throw new AppError('CONFLICT', {
        reason: 'a retry with this Idempotency-Key took over this request; it was not applied',
        state: 'taken-over',
      });
    }
    return answer !== null;
  };
  guard.answerKept = answered;
  return guard;
}

/**
 * The fast path's guard: records the key, applied, inside the request's own transaction just
 * before it commits, with no round trip before the work. If the key is already there (an earlier
 * or concurrent request with it), the transaction rolls back and the answer is worked out from
 * the stored key when the response is sent. A key left in progress and not applied by another
 * process whose lease ran out is taken over here (and its owner fenced), as the slow path does.
 */
function recordGuard(taken: Taken, now: Date): CommitGuard {
  const guard: CommitGuard = async (connection, answer) => {
    // A statement of this transaction recorded the key with its answer (`keyInTransaction`).
    if (guard.keptByStatement) {
      taken.recorded = true;
      return answer !== null;
    }
    // A second transaction of the same request: the key is this request's already (an answer
    // noted there is stored after the commit, as any other).
    if (taken.recorded) return false;
    // With the request's final answer (`noteAnswer`), the key is kept answered at once.
    const status = answer ? answer.status : IN_PROGRESS;
    const response = answer
      ? storedResponse(answer)
      : JSON.stringify({
          owner: taken.owner,
          applied: true,
          effect: guard.effectId ?? null,
        } satisfies Pending);
    const leaseStart = new Date(now.getTime() - IDEMPOTENCY_LEASE_MS);
    const result = await connection.executeQuery(
      CompiledQuery.raw(
        `insert into idempotent_requests as r (scope, key, request_hash, status_code, response, created_at)
           values ($1, $2, $3, $8, $4::jsonb, $5)
         on conflict (scope, key) do update set status_code = excluded.status_code,
             response = excluded.response, created_at = excluded.created_at
           where r.status_code = ${IN_PROGRESS} and r.request_hash = excluded.request_hash
             and (r.response->>'applied')::boolean is not true
             and r.response->>'owner' not like $6 and r.created_at <= $7`,
        [taken.scope, taken.key, taken.hash, response, now, `${BOOT}.%`, leaseStart, status],
      ),
    );
    if (result.numAffectedRows !== 1n) {
      taken.found = true;
      throw new AppError('CONFLICT', {
        reason: 'the first request with this Idempotency-Key is still being processed',
        state: 'in-progress',
      });
    }
    taken.recorded = true;
    return answer !== null;
  };
  guard.answerKept = (answer) => {
    taken.answered = answer;
  };
  return guard;
}

/**
 * The fast path's record written by the effect's own statement (`writeOnce`): the key, applied,
 * inserted for the effect's row with no ON CONFLICT. A key already there makes the statement fail
 * whole (nothing applied); the write then runs again in a transaction whose guard (recordGuard)
 * takes the key over or finds it taken — so the first request with a new key, the usual case,
 * costs no BEGIN, no COMMIT and no statement of its own.
 */
function inStatementRecord(
  taken: Taken,
  now: Date,
  done: () => void,
): NonNullable<CommitGuard['inStatement']> {
  const pending = JSON.stringify({ owner: taken.owner, applied: true } satisfies Pending);
  return {
    // With the final answer, the key is kept answered at once (as `storeAnswer` would leave it);
    // without it, applied, with the id of the effect's row (for the retry whose answer is lost).
    record: (effect, answer) => sql`insert into idempotent_requests
        (scope, key, request_hash, status_code, response, created_at)
      select ${taken.scope}, ${taken.key}, ${taken.hash}, ${answer ? answer.status : IN_PROGRESS}::integer,
             ${answer ? sql`${storedResponse(answer)}::jsonb` : sql`${pending}::jsonb || jsonb_build_object('effect', id)`},
             ${now}::timestamptz
        from ${effect}`,
    isTaken: (error) => isUniqueViolation(error, 'idempotent_requests_pkey'),
    recorded: (answer) => {
      taken.recorded = true;
      taken.answered = answer ?? null;
      done();
    },
  };
}

/** What `response` holds once a request is answered. */
function storedResponse(answer: { contentType: string; body: string }): string {
  return JSON.stringify({
    contentType: answer.contentType,
    body: answer.body,
  } satisfies StoredResponse);
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * A route's answer serialised once, by the route's own response schema, before the write that
 * makes it: the write's statement keeps it with the request's new idempotency key (`writeOnce`),
 * and the route sends the same text. `render` is what the use case calls with the result it will
 * return; `send` sends that result (rendered again only if it is not the one rendered).
 */
export function finalAnswer<T>(
  reply: FastifyReply,
  status: number,
  shape: (result: T) => Record<string, unknown>,
) {
  let rendered: { result: T; answer: FinalAnswer } | null = null;
  const render = (result: T): FinalAnswer => {
    const body = reply.serializeInput(shape(result), String(status)) as string;
    const answer = { status, contentType: JSON_CONTENT_TYPE, body };
    rendered = { result, answer };
    return answer;
  };
  return {
    render,
    send(result: T) {
      const answer = rendered?.result === result ? rendered.answer : render(result);
      return reply.code(answer.status).type(answer.contentType).send(answer.body);
    },
  };
}

/**
 * Sends the answer of a use case whose commit keeps it with the request's key (`answered`): the
 * result as the route's response schema for `status` serialises it, rendered inside the work's
 * transaction and sent as that same text.
 */
export async function sendKeptAnswer<T extends Record<string, unknown>>(
  reply: FastifyReply,
  status: number,
  work: (answering: Answering<T>) => Promise<T>,
) {
  const answer = finalAnswer(reply, status, (result: T) => result);
  return answer.send(await work({ answer: answer.render }));
}

/** The answer of the request holding the key, stored (a keyed write's last round trip, unless its statement kept it). */
const storeAnswer = compiledOnce(
  (_db, status: number, response: string, scope: string, key: string, owner: string) =>
    sql`${PREPARED} update idempotent_requests set status_code = ${status}, response = ${response}::jsonb
      where scope = ${scope} and key = ${key} and status_code = ${sql.lit(IN_PROGRESS)}
        and response->>'owner' = ${owner}`,
);

/**
 * `Idempotency-Key` on any POST: the first request with a key is applied and its answer kept; an
 * exact retry gets that answer again without acting twice; the same key with another request is
 * refused with IDEMPOTENCY_KEY_REUSED. "The same request" is the same method, path and validated
 * body in canonical form (`canonicalBody`: key order and normalised fields do not count). Keys are
 * per signed-in principal.
 *
 * Crash safety: the key is marked applied in the same transaction as the request's effect. A key
 * left in progress by a process that died (or whose answer could not be stored) is resolved by
 * the next retry: not applied → the retry runs it (once); applied → the retry gets CONFLICT with
 * `state: applied` (the effect happened; its answer was lost) and `id`, the id of what it made or
 * changed where the use case said (`noteEffect`), and so does every later retry.
 */
export function registerIdempotency(
  app: App,
  db: Kysely<DB>,
  clock: Clock,
  normalisers: FieldNormalisers = {},
) {
  app.decorateRequest('idempotency', null);

  /** What an earlier request with this key means for this one. */
  type Outcome =
    | { kind: 'answer'; status: number; contentType: string; body: string; replayed: boolean }
    | { kind: 'take'; previousOwner: string | null };

  const answerOf = (error: AppError, request: FastifyRequest): Outcome => ({
    kind: 'answer',
    status: error.status,
    contentType: 'application/problem+json',
    body: JSON.stringify(problemBody(error, request)),
    replayed: false,
  });

  /**
   * The key is held by an earlier request: its stored answer (replayed), a refusal, or — when it
   * was left in progress, not applied, by an owner that is gone — 'take' (only the slow path can
   * take a key over here; the fast path's guard takes such a key over at its commit).
   */
  async function resolveEarlier(
    request: FastifyRequest,
    scope: string,
    key: string,
    hash: string,
    now: Date,
    mayTake: boolean,
  ): Promise<Outcome> {
    const readEarlier = () =>
      db
        .selectFrom('idempotent_requests')
        .select(['request_hash', 'status_code', 'response', 'created_at'])
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirst();
    const replay = (answered: { status_code: number; response: unknown }): Outcome => {
      const stored = answered.response as StoredResponse;
      return {
        kind: 'answer',
        status: answered.status_code,
        contentType: stored.contentType,
        body: stored.body,
        replayed: true,
      };
    };
    const inProgress = () =>
      answerOf(
        new AppError('CONFLICT', {
          reason: 'the first request with this Idempotency-Key is still being processed',
          state: 'in-progress',
        }),
        request,
      );
    const earlier = await readEarlier();
    if (!earlier) {
      return answerOf(
        new AppError('CONFLICT', {
          reason: 'the first request with this Idempotency-Key has just failed; try again',
          state: 'in-progress',
        }),
        request,
      );
    }
    if (earlier.request_hash !== hash)
      return answerOf(new AppError('IDEMPOTENCY_KEY_REUSED'), request);
    if (earlier.status_code !== IN_PROGRESS) return replay(earlier);
    const pending = (earlier.response ?? {}) as Pending;
    if (mayBeAlive(pending.owner, earlier.created_at, now)) return inProgress();
    // An owner in this process leaves the in-flight set only after storing its answer, which may
    // have happened since the read above: read again before taking it for dead.
    if (pending.owner?.startsWith(`${BOOT}.`)) {
      const again = await readEarlier();
      if (again && again.status_code !== IN_PROGRESS) return replay(again);
    }
    const stillTheirs = sql<boolean>`response->>'owner' is not distinct from ${pending.owner ?? null}`;
    if (pending.applied) {
      // The effect committed, its answer was lost: say so, and what it made (the id of the loan,
      // hold or request), now and to every later retry.
      const lost = answerOf(
        new AppError('CONFLICT', {
          reason:
            'the request with this Idempotency-Key was applied, but its answer was lost when the service stopped',
          state: 'applied',
          id: pending.effect ?? undefined,
        }),
        request,
      );
      if (lost.kind !== 'answer') return lost;
      await db
        .updateTable('idempotent_requests')
        .set({
          status_code: lost.status,
          response: JSON.stringify({ contentType: lost.contentType, body: lost.body }),
        })
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('status_code', '=', IN_PROGRESS)
        .where(stillTheirs)
        .execute();
      return lost;
    }
    if (!mayTake) return inProgress();
    return { kind: 'take', previousOwner: pending.owner ?? null };
  }

  /** Resolves to a commit guard to run the handler with, null to run it plainly, or 'answered'. */
  async function begin(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<CommitGuard | null | 'answered'> {
    if (request.method !== 'POST') return null;
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (key === undefined) return null;
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw validationFailed(
        'headers.idempotency-key',
        'must be 1 to 200 visible ASCII characters',
      );
    }
    const scope = scopeOf(request);
    const hash = requestHash(request, normalisers);
    const owner = newOwner();
    const now = clock.now();
    const fast = request.routeOptions.config.idempotentInTransaction === true;
    const taken: Taken = {
      scope,
      key,
      owner,
      hash,
      fast,
      found: false,
      recorded: false,
      answered: null,
    };
    // In flight before its row exists: a retry in this process that reads the row while this
    // request waits for the insert's answer must find the owner alive, not take the key over.
    inFlight.add(owner);
    if (fast) {
      // No round trip now: the key is recorded by the statement of the effect (inStatementRecord)
      // or, when it is there already, in the transaction of the effect (recordGuard).
      request.idempotency = taken;
      const guard = recordGuard(taken, now);
      guard.inStatement = inStatementRecord(taken, now, () => {
        guard.inStatement = undefined;
      });
      return guard;
    }
    try {
      const guard = await takeOrAnswer(request, reply, taken, now);
      if (guard === 'answered') inFlight.delete(owner);
      return guard;
    } catch (error) {
      inFlight.delete(owner);
      throw error;
    }
  }

  /** Slow path: records the key in progress, or answers from the request that holds it. */
  async function takeOrAnswer(
    request: FastifyRequest,
    reply: FastifyReply,
    taken: Taken,
    now: Date,
  ): Promise<CommitGuard | 'answered'> {
    const { scope, key, owner, hash } = taken;
    const take = () => {
      request.idempotency = taken;
      return applyGuard(scope, key, owner, (answer) => {
        taken.answered = answer;
      });
    };
    const inserted = await db
      .insertInto('idempotent_requests')
      .values({
        scope,
        key,
        request_hash: hash,
        status_code: IN_PROGRESS,
        response: JSON.stringify({ owner, applied: false } satisfies Pending),
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return take();
    const outcome = await resolveEarlier(request, scope, key, hash, now, true);
    if (outcome.kind === 'answer') {
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      reply.status(outcome.status).type(outcome.contentType).send(outcome.body);
      return 'answered';
    }
    // Not applied, and its owner is gone: this retry takes the key over (and fences the owner).
    const stillTheirs = sql<boolean>`response->>'owner' is not distinct from ${outcome.previousOwner}`;
    const takenOver = await db
      .updateTable('idempotent_requests')
      .set({
        response: JSON.stringify({ owner, applied: false } satisfies Pending),
        created_at: now,
      })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('status_code', '=', IN_PROGRESS)
      .where(stillTheirs)
      .where(sql<boolean>`(response->>'applied')::boolean is not true`)
      .executeTakeFirst();
    if (takenOver.numUpdatedRows !== 1n) {
      throw new AppError('CONFLICT', {
        reason: 'another retry with this Idempotency-Key is being processed',
        state: 'in-progress',
      });
    }
    return take();
  }

  app.addHook('preHandler', (request, reply, done) => {
    begin(request, reply).then((guard) => {
      if (guard === 'answered') return;
      if (guard === null) done();
      else runWithCommitGuard(guard, () => done());
    }, done);
  });

  /** The answer to send instead of this one, when an earlier request holds the key. */
  function answerInstead(request: FastifyRequest, reply: FastifyReply, outcome: Outcome) {
    if (outcome.kind !== 'answer') return undefined;
    reply.code(outcome.status);
    reply.header('content-type', outcome.contentType);
    if (outcome.replayed) reply.header('idempotent-replayed', 'true');
    else reply.removeHeader('idempotent-replayed');
    request.log.debug({ status: outcome.status }, 'idempotent answer from an earlier request');
    return outcome.body;
  }

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = request.idempotency;
    if (!pending) return payload;
    request.idempotency = null;
    const { scope, key, owner, hash } = pending;
    try {
      if (pending.found) {
        // Fast path: the key was recorded by another request; this one's work rolled back.
        const outcome = await resolveEarlier(request, scope, key, hash, clock.now(), false);
        return answerInstead(request, reply, outcome) ?? payload;
      }
      if (reply.statusCode >= 500 || typeof payload !== 'string') {
        // Nothing to keep: a retry may run again, unless the effect committed after all.
        if (pending.fast) return payload;
        await db
          .deleteFrom('idempotent_requests')
          .where('scope', '=', scope)
          .where('key', '=', key)
          .where('status_code', '=', IN_PROGRESS)
          .where(sql<boolean>`response->>'owner' = ${owner}`)
          .where(sql<boolean>`(response->>'applied')::boolean is not true`)
          .execute();
        return payload;
      }
      // The effect's statement, or its transaction's guard, kept the answer with the key; this
      // is its text.
      if (pending.answered) return payload;
      const stored: StoredResponse = {
        contentType: String(reply.getHeader('content-type') ?? 'application/json'),
        body: payload,
      };
      if (!pending.fast || pending.recorded) {
        const updated = await storeAnswer(
          db,
          reply.statusCode,
          JSON.stringify(stored),
          scope,
          key,
          owner,
        );
        // (Fast path: zero rows when the COMMIT after the guard failed, e.g. a deferred check.)
        if (!pending.fast || updated.numAffectedRows === 1n) return payload;
      }
      // Fast path, nothing committed (a refusal): keep the answer, unless the key is taken.
      const inserted = await db
        .insertInto('idempotent_requests')
        .values({
          scope,
          key,
          request_hash: hash,
          status_code: reply.statusCode,
          response: JSON.stringify(stored),
          created_at: clock.now(),
        })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (inserted) return payload;
      const outcome = await resolveEarlier(request, scope, key, hash, clock.now(), false);
      return answerInstead(request, reply, outcome) ?? payload;
    } catch (error) {
      // The database went away after the work: the answer still goes out; a retry finds the key
      // applied (or not) in the database and acts on that.
      request.log.warn({ code: (error as { code?: string }).code }, 'idempotent answer not stored');
    } finally {
      inFlight.delete(owner);
    }
    return payload;
  });

  app.addHook('onResponse', async (request) => {
    const pending = request.idempotency;
    if (pending) inFlight.delete(pending.owner);
  });
}

/** The `Idempotency-Key` header every keyed write accepts (its schema, for the routes). */
export const IdempotencyHeader = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      maxLength: 200,
      description:
        'a retry with the same key and body is applied once and gets the first answer; where that answer is stored after its commit (placing a hold) and was lost in a crash, 409 CONFLICT with reasons[0].params.state "applied" and params.id, the id of what it made or changed',
    }),
  ),
});
