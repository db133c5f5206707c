import { type PGlite, parse, protocol, type Results, type Transaction } from '@electric-sql/pglite';
import { concatBytes as concat } from '../bytes.js';
import { statementName } from './prepared.js';

type Query = PGlite['query'];

interface Prepared {
  name: string;
  /** The type of each parameter, as the engine worked it out when preparing. */
  parameterTypes: number[];
}

/**
 * The embedded engine with marked queries (see `PREPARED`) prepared once and then only bound and
 * executed: one call into the engine instead of six, and no planning. Everything else goes to
 * PGlite unchanged. Kysely serializes the use of its one connection, and these calls take the
 * same locks as PGlite's own queries.
 */
export function preparingPGlite(pglite: PGlite): PGlite {
  const prepared = new Map<string, Prepared>();

  async function prepare(text: string, name: string, inTransaction: boolean): Promise<Prepared> {
    const { messages } = await pglite.execProtocol(
      concat([
        protocol.serialize.parse({ name, text }),
        protocol.serialize.describe({ type: 'S', name }),
        protocol.serialize.sync(),
      ]),
      { syncToFs: !inTransaction },
    );
    const description = messages.find((m) => m.name === 'parameterDescription') as
      | { dataTypeIDs: number[] }
      | undefined;
    const statement = { name, parameterTypes: description?.dataTypeIDs ?? [] };
    prepared.set(text, statement);
    return statement;
  }

  async function runPrepared(
    text: string,
    name: string,
    values: unknown[] | undefined,
    inTransaction: boolean,
  ): Promise<Results> {
    const statement = prepared.get(text) ?? (await prepare(text, name, inTransaction));
    const serialized = (values ?? []).map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pglite.serializers[statement.parameterTypes[i] ?? 0];
      return serializer ? serializer(value) : String(value);
    });
    const { messages } = await pglite.execProtocol(
      concat([
        protocol.serialize.bind({ statement: name, values: serialized }),
        protocol.serialize.describe({ type: 'P' }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]),
      { syncToFs: !inTransaction },
    );
    const [results] = parse.parseResults(messages, pglite.parsers, { rowMode: 'object' });
    return results ?? { rows: [], fields: [] };
  }

  const preparing = (
    query: Query,
    exclusive: <T>(fn: () => Promise<T>) => Promise<T>,
    inTransaction: boolean,
  ) =>
    (async (text: string, values?: unknown[], options?: Parameters<Query>[2]) => {
      const name = prepared.get(text)?.name ?? statementName(text);
      if (name === null) return query(text, values, options);
      return exclusive(() => runPrepared(text, name, values, inTransaction));
    }) as Query;

  const query = preparing(
    pglite.query.bind(pglite),
    (fn) => pglite._runExclusiveTransaction(() => pglite._runExclusiveQuery(fn)),
    false,
  );
  const transaction = ((callback: (tx: Transaction) => Promise<unknown>) =>
    pglite.transaction((tx) =>
      callback(
        Object.assign(Object.create(tx) as Transaction, {
          query: preparing(tx.query.bind(tx), (fn) => pglite._runExclusiveQuery(fn), true),
        }),
      ),
    )) as PGlite['transaction'];
  return new Proxy(pglite, {
    get(target, property) {
      if (property === 'query') return query;
      if (property === 'transaction') return transaction;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
