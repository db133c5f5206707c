/** Creating, filling and dropping the bench's own databases (see safety.ts for the checks). */
import pg from 'pg';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { type Generated, generateBase, generateHistory } from './generate/generate.js';
import type { LoadProgress } from './generate/progress.js';
import type { Scale } from './generate/scale.js';
import { postgresSink } from './generate/sink.js';
import {
  assertBenchDatabase,
  createBenchDatabase,
  databaseUrlFor,
  dropBenchDatabase,
} from './safety.js';

/** Every database this process created, so that it can drop them all whatever happens. */
export class BenchDatabases {
  readonly created: string[] = [];

  constructor(readonly serverUrl: string) {}

  async create(purpose: string, template?: string): Promise<string> {
    const name = await createBenchDatabase(this.serverUrl, purpose, template ? { template } : {});
    this.created.push(name);
    return name;
  }

  url(name: string): string {
    return databaseUrlFor(this.serverUrl, name);
  }

  async dropAll(): Promise<void> {
    for (const name of this.created.splice(0).reverse()) {
      await dropBenchDatabase(this.serverUrl, name).catch((error: Error) =>
        console.error(`could not drop ${name}: ${error.message}`),
      );
    }
  }
}

export interface NetworkDatabases {
  /** With the loan history. */
  main: string;
  /** The same network without the loan history (when asked for). */
  noHistory: string | undefined;
  generated: Generated;
}

async function withSink<T>(
  url: string,
  run: (sink: ReturnType<typeof postgresSink>) => Promise<T>,
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(postgresSink(client));
  } finally {
    await client.end();
  }
}

/**
 * A bench database with the generated network and its loan history; with `noHistoryCopy`, also a
 * copy made before the history was loaded (CREATE DATABASE … TEMPLATE, a file copy).
 */
export async function generateNetwork(
  databases: BenchDatabases,
  scale: Scale,
  progress: LoadProgress,
  options: { noHistoryCopy: boolean },
): Promise<NetworkDatabases> {
  const main = await databases.create('network');
  await assertBenchDatabase(databases.serverUrl, main);
  const url = databases.url(main);
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  let generated: Generated;
  try {
    await migrateToLatest(database.db);
    // The self-check load lends without the PIN (one argon2 less per checkout), as it always has.
    await database.db.updateTable('network_rules').set({ machines_require_pin: false }).execute();
    generated = await withSink(url, (sink) => generateBase(database.db, sink, scale, progress));
  } finally {
    await database.close();
  }
  let noHistory: string | undefined;
  if (options.noHistoryCopy) {
    noHistory = await progress.step('copied the network without its loan history', () =>
      databases.create('nohistory', main),
    );
  }
  await assertBenchDatabase(databases.serverUrl, main);
  await withSink(url, (sink) => generateHistory(sink, generated, progress));
  return { main, noHistory, generated };
}
