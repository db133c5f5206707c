import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

/** Told, for each statement a reader sends, how many calls it answers. */
export type ReadsObserver = (reader: string, reads: number) => void;

const observers = new WeakMap<Kysely<DB>, ReadsObserver>();

/**
 * Reports how many calls each statement of every reader answers on this database (the service
 * puts them on /metrics): how often requests that arrive together really share one. Reads inside
 * a transaction, which always go alone, are not reported.
 */
export function watchReadsTogether(db: Kysely<DB>, observe: ReadsObserver): void {
  observers.set(db, observe);
}

/**
 * A read by key whose calls in one turn of the event loop are sent as one statement after that
 * turn (`setImmediate`): when several desks' requests or several machines' messages wait at once,
 * they share one round trip instead of paying one each; a call alone waits for nothing. Nothing
 * is cached — each call's row is read after the call was made — so what a read guarantees (a
 * revoked session refused, a lost card refused) holds as if it had gone alone. `readMany` answers
 * the rows found, each matched to its call by `keyOf`; a key with no row is `undefined`. Inside a
 * transaction a read goes alone, on the transaction's connection. `reader` names it on /metrics.
 */
export function readTogether<K, R>(
  reader: string,
  readMany: (db: Kysely<DB>, keys: K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): (db: Kysely<DB>, key: K) => Promise<R | undefined> {
  const readByKey = async (db: Kysely<DB>, keys: K[]) =>
    new Map((await readMany(db, keys)).map((row) => [keyOf(row), row]));
  const loaders = new WeakMap<Kysely<DB>, DataLoader<K, R | undefined>>();
  const loaderOf = (db: Kysely<DB>) => {
    let loader = loaders.get(db);
    if (!loader) {
      loader = new DataLoader<K, R | undefined>(
        async (keys) => {
          observers.get(db)?.(reader, keys.length);
          const found = await readByKey(db, [...new Set(keys)]);
          return keys.map((key) => found.get(key));
        },
        { cache: false, batchScheduleFn: (send) => setImmediate(send), maxBatchSize: 64 },
      );
      loaders.set(db, loader);
    }
    return loader;
  };
  return async (db, key) =>
    db.isTransaction ? (await readByKey(db, [key])).get(key) : loaderOf(db).load(key);
}
