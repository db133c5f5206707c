import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetentionJobs } from '../../src/modules/privacy/index.js';
import {
  type MetricsListener,
  startMetricsListener,
} from '../../src/platform/http/metrics-server.js';
import { watchDatabase } from '../../src/platform/metrics.js';
import { demoCardNumber } from '../../src/seed/demo-accounts.js';
import { addItems, GN, type Sip2TestBed, startSip2TestBed } from '../sip2/support.js';
import { testDatabaseKind } from '../support/database.js';
import { staffClient } from '../support/http.js';

/** What an operator's Prometheus scrapes, behind its token. */
describe(`GET /metrics (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  let listener: MetricsListener;
  beforeAll(async () => {
    bed = await startSip2TestBed();
    // As the service wires its database (src/app.ts).
    watchDatabase(bed.t.context.metrics, bed.t.testDatabase.database);
    listener = await startMetricsListener(bed.t.context.metrics, {
      host: '127.0.0.1',
      port: 0,
      token: 'scrape-token',
    });
  });
  afterAll(async () => {
    await listener?.close();
    await bed?.close();
  });

  it('counts HTTP by route and status, loans and refusals by code and library, SIP2 by command', async () => {
    await addItems(bed.t.db, GN, [{ barcode: 'MET-1', title: '측정' }]);
    const desk = await staffClient(bed.t.app, 'gyeongnamdaepyo-desk');
    const card = demoCardNumber(1);
    const lent = await desk.post('/api/v1/checkouts', { cardNumber: card, itemBarcode: 'MET-1' });
    expect(lent.statusCode, lent.body).toBe(201);
    const again = await desk.post('/api/v1/checkouts', { cardNumber: card, itemBarcode: 'MET-1' });
    expect(again.json().code).toBe('ITEM_ON_LOAN');
    const machine = await bed.terminal(GN);
    await machine.scStatus();
    const refused = await machine.checkout({ patronIdentifier: card, itemIdentifier: 'MET-1' });
    expect(refused).toMatchObject({ code: '12', ok: false });
    // The desk's loan returned at the machine: a machine's return, counted beside the desk's.
    const returned = await machine.checkin({ itemIdentifier: 'MET-1', currentLocation: GN });
    expect(returned).toMatchObject({ code: '10', ok: true });
    // A day past every session's end: the sessions job has something to purge.
    bed.t.clock.set(new Date(bed.t.clock.now().getTime() + 400 * 86_400_000));
    const jobs = await runRetentionJobs(bed.t.context);
    const sessionsPurged = jobs.find((j) => j.job === 'sessions')?.affected ?? 0;
    expect(sessionsPurged).toBeGreaterThan(0);

    expect((await fetch(listener.url)).status).toBe(401);
    const response = await fetch(listener.url, {
      headers: { authorization: 'Bearer scrape-token' },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    console.log(
      `[metrics] ${text
        .split('\n')
        .filter((l) =>
          /^library_one_(http|circulation|sip2|db_pool|retention|nodejs_eventloop_lag_seconds )/.test(
            l,
          ),
        )
        .filter((l) => !l.includes('_bucket{') || l.includes('le="0.1"'))
        .join('\n[metrics] ')}`,
    );
    const library = String(await bed.libraryId(GN));
    const circulation = (action: string, outcome: string, channel: string) =>
      `library_one_circulation_total{action="${action}",outcome="${outcome}",library="${library}",channel="${channel}"} 1`;
    expect(text).toContain(circulation('checkout', 'ok', 'desk'));
    expect(text).toContain(circulation('checkout', 'ITEM_ON_LOAN', 'desk'));
    expect(text).toContain(circulation('checkout', 'PIN_REQUIRED', 'machine'));
    expect(text).toContain(circulation('return', 'ok', 'machine'));
    expect(text).toContain(
      'library_one_http_requests_total{method="POST",route="/api/v1/checkouts",status="201"} 1',
    );
    expect(text).toMatch(
      /library_one_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/checkouts",status="409"\} 1/,
    );
    expect(text).toContain('library_one_sip2_messages_total{command="93"} 1');
    expect(text).toContain('library_one_sip2_messages_total{command="99"} 1');
    expect(text).toContain('library_one_sip2_connections 1');
    expect(text).toContain(
      `library_one_sip2_refusals_total{command="11",code="PIN_REQUIRED",library="${library}"} 1`,
    );
    expect(text).toContain('library_one_retention_job_runs_total{job="sessions",outcome="ran"} 1');
    expect(text).toContain(
      `library_one_retention_job_rows_total{job="sessions"} ${sessionsPurged}`,
    );
    expect(text).toContain(
      'library_one_retention_job_runs_total{job="lapsed-consent",outcome="ran"} 1',
    );
    expect(text).toContain('# TYPE library_one_db_pool_wait_seconds histogram');
    if (testDatabaseKind === 'postgres') {
      expect(text).toMatch(/^library_one_db_pool_wait_seconds_count [1-9]\d*$/m);
    }
    expect(text).toContain('library_one_nodejs_eventloop_lag_seconds');
    expect(text).not.toContain(card);
  });

  it('shows how many sessions each statement read: eight requests at once, one statement of eight', async () => {
    const desk = await staffClient(bed.t.app, 'gyeongnamdaepyo-desk');
    const sessionReads = async () => {
      const text = await (
        await fetch(listener.url, { headers: { authorization: 'Bearer scrape-token' } })
      ).text();
      const figure = (name: string) =>
        Number(
          new RegExp(
            `^library_one_db_reads_per_statement_${name}\\{reader="session"\\} (\\d+)$`,
            'm',
          ).exec(text)?.[1] ?? 0,
        );
      return { statements: figure('count'), reads: figure('sum') };
    };
    expect((await desk.get('/api/v1/session')).json().kind).toBe('staff');
    const before = await sessionReads();
    expect(before.statements).toBeGreaterThan(0);
    const answers = await Promise.all(Array.from({ length: 8 }, () => desk.get('/api/v1/session')));
    expect(answers.map((answer) => answer.json().kind)).toEqual(Array(8).fill('staff'));
    const after = await sessionReads();
    expect(after).toEqual({ statements: before.statements + 1, reads: before.reads + 8 });
  });
});
