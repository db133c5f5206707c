/**
 * Where generated rows go: `COPY … FROM STDIN` on a PostgreSQL connection (pg-copy-streams, with
 * backpressure, so memory stays bounded whatever the scale), or `COPY … FROM '/dev/blob'` on the
 * embedded engine, chunk by chunk.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface CopySink {
  readonly kind: 'postgres' | 'embedded';
  copy(
    table: string,
    columns: readonly string[],
    rows: Iterable<string>,
    tick: (rows: number) => void,
  ): Promise<number>;
  exec(sql: string): Promise<void>;
  query<T>(sql: string): Promise<T[]>;
}

/** Groups lines into chunks of about `size` characters. */
function* chunks(
  rows: Iterable<string>,
  size: number,
  counter: { rows: number },
  tick: (n: number) => void,
) {
  let buffer = '';
  let pending = 0;
  for (const line of rows) {
    buffer += line;
    pending += 1;
    if (buffer.length >= size) {
      counter.rows += pending;
      tick(pending);
      pending = 0;
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) {
    counter.rows += pending;
    tick(pending);
    yield buffer;
  }
}

export function postgresSink(client: pg.Client): CopySink {
  return {
    kind: 'postgres',
    async copy(table, columns, rows, tick) {
      const counter = { rows: 0 };
      const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
      await pipeline(
        Readable.from(chunks(rows, 256 * 1024, counter, tick), { objectMode: false }),
        stream,
      );
      return counter.rows;
    },
    async exec(sql) {
      await client.query(sql);
    },
    async query<T>(sql: string) {
      return (await client.query(sql)).rows as T[];
    },
  };
}

export function embeddedSink(pglite: PGlite): CopySink {
  return {
    kind: 'embedded',
    async copy(table, columns, rows, tick) {
      const counter = { rows: 0 };
      for (const chunk of chunks(rows, 4 * 1024 * 1024, counter, tick)) {
        await pglite.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], {
          blob: new Blob([chunk]),
        });
      }
      return counter.rows;
    },
    async exec(sql) {
      await pglite.exec(sql);
    },
    async query<T>(sql: string) {
      return (await pglite.query<T>(sql)).rows;
    },
  };
}
