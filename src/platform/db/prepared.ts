import { createHash } from 'node:crypto';
import type {
  Compilable,
  CompiledQuery,
  Kysely,
  PostgresPool,
  PostgresPoolClient,
  QueryResult,
} from 'kysely';
import { type RawBuilder, sql } from 'kysely';
import type { DB } from './schema.js';

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

/** A value's place in a query compiled once (see `compiledOnce`). */
const SLOT = Symbol('compiled-once slot');
interface Slot {
  readonly [SLOT]: number;
}

function slotOf(value: unknown): number | undefined {
  return typeof value === 'object' && value !== null && SLOT in value
    ? (value as Slot)[SLOT]
    : undefined;
}

type Built<R> = Compilable<R> | RawBuilder<R>;

/** Compiles `build` with one stand-in per value; each must end up a parameter. */
function compileWithSlots<R>(
  db: Kysely<DB>,
  count: number,
  build: (slots: unknown[]) => Built<R>,
): CompiledQuery<R> {
  const built = build(Array.from({ length: count }, (_, n) => ({ [SLOT]: n })));
  const query = 'isRawBuilder' in built ? built.compile(db) : built.compile();
  const used = new Set(query.parameters.map(slotOf));
  for (let n = 0; n < count; n++) {
    if (!used.has(n)) throw new Error(`compiled once: value ${n} is not a parameter`);
  }
  return query;
}

/** The compiled query with this call's values in place of the stand-ins. */
function bind<R>(query: CompiledQuery<R>, values: readonly unknown[]): CompiledQuery<R> {
  return {
    ...query,
    parameters: query.parameters.map((p) => {
      const n = slotOf(p);
      return n === undefined ? p : values[n];
    }),
  };
}

/**
 * A hot query whose SQL text never varies, built and compiled by Kysely once per database
 * instead of at every call (building and compiling queries was a sixth of the service's CPU
 * under the desk load); each call only puts its values into the compiled query's parameters.
 * `build` gets one stand-in per value and must use each as a plain value (a parameter), never
 * inline it: a stand-in missing from the compiled parameters is refused when first built.
 * The SQL may come from the query builder or from `sql`; the PREPARED mark works as usual.
 */
export function compiledOnce<A extends unknown[], R>(
  build: (db: Kysely<DB>, ...values: A) => Built<R>,
): (db: Kysely<DB>, ...values: A) => Promise<QueryResult<R>> {
  const compiled = new WeakMap<Kysely<DB>, CompiledQuery<R>>();
  return async (db, ...values) => {
    let query = compiled.get(db);
    if (!query) {
      query = compileWithSlots(db, values.length, (slots) => build(db, ...(slots as A)));
      compiled.set(db, query);
    }
    return db.executeQuery<R>(bind(query, values));
  };
}

/**
 * `compiledOnce` for a query whose text depends on the shape of its input (which kind of key,
 * whether an item is asked for, how many audit events…) but never on its values: compiled once
 * per database and shape. `values(input, take)` returns the input with each value passed through
 * `take` (the same walk both lists the values and puts stand-ins in their place); `shape` names
 * everything `build` branches on. `compile` is the bound query and `fresh` the query built and
 * compiled anew, for tests to prove them the same.
 */
export function compiledPerShape<I, R>(spec: {
  shape: (input: I) => string;
  values: (input: I, take: <T>(value: T) => T) => I;
  build: (db: Kysely<DB>, input: I) => Built<R>;
}): {
  (db: Kysely<DB>, input: I): Promise<QueryResult<R>>;
  compile(db: Kysely<DB>, input: I): CompiledQuery<R>;
  fresh(db: Kysely<DB>, input: I): CompiledQuery<R>;
} {
  const compiled = new WeakMap<Kysely<DB>, Map<string, CompiledQuery<R>>>();
  const compile = (db: Kysely<DB>, input: I): CompiledQuery<R> => {
    const values: unknown[] = [];
    spec.values(input, (value) => {
      values.push(value);
      return value;
    });
    let shapes = compiled.get(db);
    if (!shapes) {
      shapes = new Map();
      compiled.set(db, shapes);
    }
    const shape = spec.shape(input);
    let query = shapes.get(shape);
    if (!query) {
      query = compileWithSlots(db, values.length, (slots) => {
        let n = 0;
        return spec.build(
          db,
          spec.values(input, <T>() => slots[n++] as T),
        );
      });
      shapes.set(shape, query);
    }
    return bind(query, values);
  };
  const run = async (db: Kysely<DB>, input: I) => db.executeQuery<R>(compile(db, input));
  const fresh = (db: Kysely<DB>, input: I): CompiledQuery<R> => {
    const built = spec.build(db, input);
    return 'isRawBuilder' in built ? built.compile(db) : built.compile();
  };
  return Object.assign(run, { compile, fresh });
}
