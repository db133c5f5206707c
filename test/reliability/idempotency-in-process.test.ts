import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDatabaseKind } from '../support/database.js';
import { type Client, staffClient } from '../support/http.js';

/**
 * Holds back the answer of the first insert of an idempotency key, after the database made it:
 * the moment when the key's row exists and the request that wrote it has not heard so yet.
 */
class KeyInsertHeldBack implements KyselyPlugin {
  private readonly keyInserts = new Set<QueryId>();
  private armed = true;
  private releaseInsert = () => {};
  private readonly released = new Promise<void>((resolve) => {
    this.releaseInsert = resolve;
  });
  private insertMade = () => {};
  readonly reached = new Promise<void>((resolve) => {
    this.insertMade = resolve;
  });

  transformQuery({ queryId, node }: PluginTransformQueryArgs) {
    if (
      node.kind === 'InsertQueryNode' &&
      node.into?.table.identifier.name === 'idempotent_requests'
    )
      this.keyInserts.add(queryId);
    return node;
  }

  async transformResult({ queryId, result }: PluginTransformResultArgs) {
    if (this.armed && this.keyInserts.has(queryId)) {
      this.armed = false;
      this.insertMade();
      await this.released;
    }
    return result;
  }

  release() {
    this.releaseInsert();
  }
}

/**
 * Two requests with one key in one process: the second may never take the key over from the
 * first, even in the instant between the first's row being written and the first hearing so.
 */
describe(`an Idempotency-Key retried in the same process (${testDatabaseKind})`, () => {
  const heldBack = new KeyInsertHeldBack();
  let t: TestApp;
  let desk: Client;
  beforeAll(async () => {
    t = await createTestApp({ accounts: true, plugin: heldBack });
    desk = await staffClient(t.app, 'gyeongnamdaepyo-desk');
  });
  afterAll(async () => t?.close());

  it("answers a retry sent while the first request's key is being written 'in progress', and registers the member once", async () => {
    const registration = {
      name: '한번만',
      birthDate: '1990-03-03',
      phone: '010-5555-0101',
      idDocumentType: 'resident_registration_card',
      password: 'member password',
      pin: '2468',
      consent: true,
    };
    const key = { 'idempotency-key': 'walk-in-once' };
    const first = desk.post('/api/v1/members', registration, key);
    await heldBack.reached;
    const retried = await desk.post('/api/v1/members', registration, key);
    expect([retried.statusCode, retried.json().reasons?.[0]?.params?.state]).toEqual([
      409,
      'in-progress',
    ]);
    heldBack.release();
    const answered = await first;
    expect(answered.statusCode, answered.body).toBe(201);
    const resent = await desk.post('/api/v1/members', registration, key);
    expect(resent.statusCode).toBe(201);
    expect(resent.headers['idempotent-replayed']).toBe('true');
    expect(resent.json().id).toBe(answered.json().id);
    const registered = await t.db
      .selectFrom('members')
      .select('id')
      .where('name', '=', '한번만')
      .execute();
    expect(registered).toHaveLength(1);
  });
});
