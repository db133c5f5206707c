import type { CompiledQuery, DatabaseConnection, Dialect, Driver } from 'kysely';

/**
 * Round trips to the database (each statement, and each BEGIN, COMMIT and ROLLBACK) and the
 * transactions begun, counted at the driver by every database this process opens — on PostgreSQL
 * and on the embedded engine alike. Plain counters, always on (two increments per statement):
 * the round-trip budget test (test/performance/round-trips.test.ts) reads them around one request.
 */
export const databaseTraffic = { roundTrips: 0, transactions: 0 };

const COUNTED = Symbol('traffic counted');
const TRANSACTION_CONTROL = /^\s*(begin|start transaction|commit|rollback)\b/i;

function counted(connection: DatabaseConnection): DatabaseConnection {
  const marked = connection as DatabaseConnection & { [COUNTED]?: true };
  if (marked[COUNTED]) return connection;
  const execute = connection.executeQuery.bind(connection);
  marked.executeQuery = <R>(query: CompiledQuery) => {
    // BEGIN and COMMIT are counted by the driver methods below (PGlite does not send them here).
    if (!TRANSACTION_CONTROL.test(query.sql)) databaseTraffic.roundTrips += 1;
    return execute<R>(query);
  };
  marked[COUNTED] = true;
  return connection;
}

/** The dialect, its driver counting round trips and transactions into `databaseTraffic`. */
export function withTrafficCount(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => countingDriver(dialect.createDriver()),
  };
}

function countingDriver(driver: Driver): Driver {
  const counting: Driver = {
    init: (options) => driver.init(options),
    acquireConnection: async (options) => counted(await driver.acquireConnection(options)),
    async beginTransaction(connection, settings) {
      databaseTraffic.transactions += 1;
      databaseTraffic.roundTrips += 1;
      await driver.beginTransaction(connection, settings);
    },
    async commitTransaction(connection) {
      databaseTraffic.roundTrips += 1;
      await driver.commitTransaction(connection);
    },
    async rollbackTransaction(connection) {
      databaseTraffic.roundTrips += 1;
      await driver.rollbackTransaction(connection);
    },
    releaseConnection: (connection, options) => driver.releaseConnection(connection, options),
    destroy: (options) => driver.destroy(options),
  };
  if (driver.savepoint) counting.savepoint = driver.savepoint.bind(driver);
  if (driver.rollbackToSavepoint)
    counting.rollbackToSavepoint = driver.rollbackToSavepoint.bind(driver);
  if (driver.releaseSavepoint) counting.releaseSavepoint = driver.releaseSavepoint.bind(driver);
  return counting;
}
