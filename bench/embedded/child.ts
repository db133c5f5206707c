/**
 * Embedded mode, in a process of its own: the embedded engine (PGlite) with the generated network
 * at a small scale in a temporary data directory, then — on the parent's commands —
 *   `raw`: a loop of 3-statement transactions straight on the engine (lock a member row, insert a
 *          loan, insert an audit event: the writes a checkout makes), the engine's own limit;
 *   `serve`: the HTTP service on the same data directory, opened as `npm start` opens it
 *          (openDatabase), for the parent to drive checkouts through;
 *   `unserve`: the service closed again, so that `raw` can run after it (one engine at a time
 *          on a data directory).
 * Commands and answers are JSON lines on stdin/stdout. The directory is removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect } from 'kysely';
import { buildHttpApp } from '../../src/app.js';
import { createAppContext } from '../../src/app-context.js';
import { systemClock } from '../../src/platform/clock.js';
import { type Database, openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import type { DB } from '../../src/platform/db/schema.js';
import { createLogger } from '../../src/platform/logger.js';
import { generateBase, generateHistory } from '../generate/generate.js';
import { LoadProgress } from '../generate/progress.js';
import { type PresetName, scaleOf } from '../generate/scale.js';
import { embeddedSink } from '../generate/sink.js';
import { buildPools, deskLibraries } from '../load/pools.js';

const say = (message: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify(message)}\n`);

const preset = (process.env.BENCH_EMBEDDED_PRESET ?? 'province') as PresetName;
const fraction = Number(process.env.BENCH_EMBEDDED_SCALE ?? '0.05');
const desks = Number(process.env.BENCH_EMBEDDED_DESKS ?? '10');
const perLibrary = Number(process.env.BENCH_EMBEDDED_POOL ?? '3000');

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'library-one-bench-embedded-'));
const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
process.on('exit', removeDataDir);
// Generation talks to the engine directly (COPY from a blob); the service opens it afterwards.
const parsers = { 20: (v: string) => Number(v), 1082: (v: string) => v };
let pglite = await PGlite.create({ dataDir, parsers });
const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
await migrateToLatest(db);
const scale = scaleOf(preset, fraction);
const progress = new LoadProgress(true, (line) => process.stderr.write(`${line}\n`));
const started = performance.now();
const sink = embeddedSink(pglite);
const generated = await generateBase(db, sink, scale, progress);
await generateHistory(sink, generated, progress);
const loadSeconds = (performance.now() - started) / 1000;
const libraries = deskLibraries(generated.plan.libraries, desks);
const pools = await buildPools(db, libraries, perLibrary, generated.days.today);
await db.destroy();
say({ ready: true, scale, loadSeconds, pools });

/** Lock a member, insert a (returned) loan, insert an audit event: one transaction. */
async function rawLoop(warmupSeconds: number, seconds: number) {
  pglite = await PGlite.create({ dataDir, parsers });
  const members = scale.members;
  const items = scale.items;
  let n = 0;
  const run = async (until: number) => {
    while (performance.now() < until) {
      const member = 1 + (n % members);
      const item = 1 + ((n * 7_919) % items);
      await pglite.transaction(async (tx) => {
        await tx.query('select id, suspended_until from members where id = $1 for update', [
          member,
        ]);
        const loan = await tx.query<{ id: number }>(
          `insert into loans (member_id, item_id, library_id, loaned_at, loan_day, due_date, returned_at, return_day, days_late)
           select $1, i.id, i.library_id, now(), current_date, current_date + 14, now(), current_date, 0 from items i where i.id = $2
           returning id`,
          [member, item],
        );
        await tx.query(
          `insert into audit_events (at, actor_kind, action, subject_kind, subject_id, details)
           values (now(), 'system', 'bench.raw', 'loan', $1, '{}')`,
          [String(loan.rows[0]?.id ?? '')],
        );
      });
      n += 1;
    }
  };
  await run(performance.now() + warmupSeconds * 1000);
  const before = n;
  const begin = performance.now();
  await run(begin + seconds * 1000);
  const elapsed = (performance.now() - begin) / 1000;
  await pglite.close();
  return { transactions: n - before, seconds: elapsed, tps: (n - before) / elapsed };
}

let app: Awaited<ReturnType<typeof buildHttpApp>> | undefined;
let database: Database | undefined;
const stop = async () => {
  await app?.close();
  await database?.close();
  removeDataDir();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());

const commands = createInterface({ input: process.stdin });
for await (const line of commands) {
  const command = JSON.parse(line) as { cmd: string; warmup?: number; seconds?: number };
  if (command.cmd === 'raw') {
    say({ raw: await rawLoop(command.warmup ?? 1, command.seconds ?? 5) });
  } else if (command.cmd === 'serve') {
    database = await openDatabase({ dataDir });
    const context = createAppContext(database.db, systemClock, createLogger('silent'));
    app = await buildHttpApp(context);
    const httpUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    say({ httpUrl });
  } else if (command.cmd === 'unserve') {
    await app?.close();
    await database?.close();
    app = undefined;
    database = undefined;
    say({ unserved: true });
  } else if (command.cmd === 'stop') {
    await stop();
  }
}
await stop();
