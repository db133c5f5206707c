import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { DB } from '../db/schema.js';
import { AppError, validationFailed } from '../errors.js';
import type { App } from './server.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const IN_PROGRESS = 0;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | null;
  }
}

function scopeOf(request: FastifyRequest): string {
  const actor = request.actor;
  if (!actor) return 'anonymous';
  if (actor.kind === 'staff') return `staff:${actor.staffId}`;
  if (actor.kind === 'member') return `member:${actor.memberId}`;
  return `terminal:${actor.terminalId}`;
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

interface StoredResponse {
  contentType: string;
  body: string;
}

/**
 * `Idempotency-Key` on any POST: the first request with a key is applied and its answer kept; an
 * exact retry gets that answer again without acting twice; the same key with another request is
 * refused with IDEMPOTENCY_KEY_REUSED. Keys are per signed-in principal.
 */
export function registerIdempotency(app: App, db: Kysely<DB>, clock: Clock) {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (key === undefined) return;
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw validationFailed(
        'headers.idempotency-key',
        'must be 1 to 200 visible ASCII characters',
      );
    }
    const scope = scopeOf(request);
    const hash = requestHash(request);
    const inserted = await db
      .insertInto('idempotent_requests')
      .values({
        scope,
        key,
        request_hash: hash,
        status_code: IN_PROGRESS,
        response: 'null',
        created_at: clock.now(),
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) {
      request.idempotency = { scope, key };
      return;
    }
    const earlier = await db
      .selectFrom('idempotent_requests')
      .select(['request_hash', 'status_code', 'response'])
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (earlier.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    if (earlier.status_code === IN_PROGRESS) {
      throw new AppError('CONFLICT', {
        reason: 'the first request with this Idempotency-Key is still being processed',
      });
    }
    const stored = earlier.response as StoredResponse;
    return reply
      .status(earlier.status_code)
      .header('idempotent-replayed', 'true')
      .type(stored.contentType)
      .send(stored.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = request.idempotency;
    if (!pending) return payload;
    request.idempotency = null;
    const row = db
      .updateTable('idempotent_requests')
      .where('scope', '=', pending.scope)
      .where('key', '=', pending.key);
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await db
        .deleteFrom('idempotent_requests')
        .where('scope', '=', pending.scope)
        .where('key', '=', pending.key)
        .execute();
      return payload;
    }
    const stored: StoredResponse = {
      contentType: String(reply.getHeader('content-type') ?? 'application/json'),
      body: payload,
    };
    await row.set({ status_code: reply.statusCode, response: JSON.stringify(stored) }).execute();
    return payload;
  });
}
