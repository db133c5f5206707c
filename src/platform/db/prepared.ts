import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { type RawBuilder, sql } from 'kysely';

const MARK = '/*prepared*/';

/**
 * Put first in the SQL of a hot query whose text never varies (its values are parameters): on a
 * PostgreSQL server it is then prepared once per connection and planned once, not at every call.
 * Planning a checkout's read costs the server many times more than running it.
 */
export const PREPARED: RawBuilder<unknown> = sql.raw(MARK);

/** The statement name of a marked query, the same on every connection; null when not marked. */
export function statementName(text: string): string | null {
  // Raw SQL starts with the mark; a query builder's select puts it after `select `.
  if (!text.startsWith(MARK) && !text.startsWith(MARK, 7)) return null;
  return `lo_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
}

interface PgClient {
  processID?: number;
  query(config: { name: string; text: string; values: unknown[] }): Promise<unknown>;
  release(destroy?: boolean): void;
}

/** A `pg` pool whose clients send marked queries as named (prepared) statements. */
export function preparingPool(
  pool: {
    connect(): Promise<PgClient>;
    end(): Promise<void>;
    options: object;
  },
  onWait: (seconds: number) => void = () => {},
): PostgresPool {
  const names = new Map<string, string | null>();
  const nameOf = (text: string) => {
    if (!text.startsWith(MARK) && !text.startsWith(MARK, 7)) return null;
    let name = names.get(text);
    if (name === undefined) {
      name = statementName(text);
      // Only marked texts are remembered, and those are a fixed set.
      if (name !== null) names.set(text, name);
    }
    return name;
  };
  const wrappers = new WeakMap<PgClient, PostgresPoolClient>();
  const wrap = (client: PgClient): PostgresPoolClient => {
    let wrapper = wrappers.get(client);
    if (!wrapper) {
      wrapper = {
        query: ((textOrCursor: unknown, values?: readonly unknown[]) => {
          if (typeof textOrCursor === 'string') {
            const name = nameOf(textOrCursor);
            if (name !== null) {
              return client.query({ name, text: textOrCursor, values: [...(values ?? [])] });
            }
          }
          return (client.query as (...args: unknown[]) => unknown)(textOrCursor, values);
        }) as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
      // Kysely reads the backend's process id to cancel a query.
      Object.defineProperty(wrapper, 'processID', { get: () => client.processID });
      wrappers.set(client, wrapper);
    }
    return wrapper;
  };
  return {
    connect: async () => {
      const asked = performance.now();
      const client = await pool.connect();
      onWait((performance.now() - asked) / 1000);
      return wrap(client);
    },
    end: () => pool.end(),
    options: pool.options,
  };
}
