import { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseConnection, Dialect, Driver, Kysely, RawBuilder } from 'kysely';

/**
 * A check that runs inside every transaction of one piece of work (one HTTP request), just
 * before COMMIT, on the transaction's own connection. Whatever it writes commits or rolls back
 * with the work; if it throws, the transaction rolls back and the error reaches the caller.
 *
 * The idempotency of POST requests uses it to record "this key was applied" in the same
 * transaction as the effect, so that after a crash the database alone says whether a retried
 * request was applied (see platform/http/idempotency.ts). It is given the answer the work noted
 * for this transaction (`noteAnswer`), or null, and resolves to true when it kept that answer;
 * a kept answer is handed to `answerKept` once the COMMIT succeeded.
 */
export type CommitGuard = ((
  connection: DatabaseConnection,
  answer: FinalAnswer | null,
) => Promise<unknown>) & {
  /** What the guard records, written by the effect's own statement instead (see `writeOnce`). */
  inStatement?: StatementRecord;
  /** The id of what the work made or changed (`noteEffect`), recorded by the guard with it. */
  effectId?: number;
  /**
   * The request's final answer, rendered inside the transaction before its COMMIT
   * (`noteAnswer`): given to the guard at that COMMIT, then forgotten.
   */
  answer?: FinalAnswer;
  /** The answer the guard kept with the key, once the COMMIT it ran in succeeded. */
  answerKept?: (answer: FinalAnswer) => void;
  /**
   * A statement of the transaction now open records the key with the answer noted
   * (`keyInTransaction`): its COMMIT has nothing more to write.
   */
  keptByStatement?: boolean;
};

/**
 * SQL: the guard's record as a data-modifying CTE of a write's own statement, one row for each
 * row of `effect` (the CTE holding what the statement changed, with the changed row's `id`).
 * Written without ON CONFLICT: if the record is already there the statement fails whole, and
 * nothing of it is applied.
 */
export type KeyRecord = (effect: RawBuilder<unknown>) => RawBuilder<unknown>;

/** A request's answer, rendered before its write so that the write's statement can keep it. */
export interface FinalAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface StatementRecord {
  /** The record; with the request's final answer, the answer is kept by the same statement. */
  record(effect: RawBuilder<unknown>, answer?: FinalAnswer | null): RawBuilder<unknown>;
  /** The statement failed because the record was already there. */
  isTaken(error: unknown): boolean;
  /** The statement wrote the effect, and with it the record (and the answer, when given). */
  recorded(answer?: FinalAnswer | null): void;
}

const guards = new AsyncLocalStorage<CommitGuard>();

/**
 * Notes the id of what the current work made or changed (a loan, a hold, an inter-library
 * request) before its commit: the guard keeps it with the request's idempotency key, so that a
 * retry whose first answer was lost can still say what was made.
 */
export function noteEffect(id: number): void {
  const guard = guards.getStore();
  if (guard) guard.effectId = id;
}

/**
 * Notes the request's final answer inside the transaction that makes it, before its commit (a
 * write whose answer is known only once the transaction has read and decided, such as a late
 * return): the guard keeps it with the key in the same commit, so a retry whose first answer was
 * lost gets the answer itself, and no round trip stores it after. A rollback forgets it.
 */
export function noteAnswer(answer: FinalAnswer): void {
  const guard = guards.getStore();
  if (guard) guard.answer = answer;
}

/** How a route renders its answer from the result of the use case (`finalAnswer`'s `render`). */
export type RenderAnswer<T> = (result: T) => FinalAnswer;

/** A use case's option: the route's answer, kept with the request's key by the work's commit. */
export interface Answering<T> {
  answer?: RenderAnswer<T>;
}

/**
 * The result of a transaction's work, returned from inside it; with the route's `render`, its
 * answer is noted first (`noteAnswer`) so that the commit keeps it with the request's key.
 */
export function answered<T>(result: T, render: RenderAnswer<T> | undefined): T {
  if (render) noteAnswer(render(result));
  return result;
}

/**
 * Notes the request's final answer inside its transaction, known before the statement that makes
 * the effect, and returns the key's record with that answer for the statement to carry: the
 * COMMIT then writes nothing more. Null when there is no new key to record so (no key, or one
 * found there already): the guard keeps the noted answer at COMMIT, as with `noteAnswer`. If the
 * key is there after all, the statement fails and aborts its transaction, whose rollback forgets
 * the answer and the mark (`isKeyTaken`: the work runs again, and its COMMIT's guard deals with
 * the key).
 */
export function keyInTransaction(answer: FinalAnswer): KeyRecord | null {
  const guard = guards.getStore();
  if (!guard) return null;
  guard.answer = answer;
  const inStatement = guard.inStatement;
  if (!inStatement) return null;
  guard.keptByStatement = true;
  return (effect) => inStatement.record(effect, answer);
}

/**
 * Whether a statement given `keyInTransaction`'s record failed because the key is already there;
 * if so the request's statements stop recording it (the guard records it at COMMIT).
 */
export function isKeyTaken(error: unknown): boolean {
  const guard = guards.getStore();
  if (!guard?.inStatement?.isTaken(error)) return false;
  guard.inStatement = undefined;
  return true;
}

/** Runs `work` (and everything it starts) with `guard` checked before each of its commits. */
export function runWithCommitGuard<T>(guard: CommitGuard, work: () => T): T {
  return guards.run(guard, work);
}

/** A write that changed nothing, carried out of the transaction it rolls back. */
class NothingWritten<T> {
  constructor(readonly result: T) {}
}

/**
 * Runs a write that is one SQL statement, atomic by itself. When the work has a commit guard
 * that can be written in a statement (`inStatement`: an idempotency key seen for the first
 * time), the write's statement carries the guard's record as one more CTE, gated on its effect:
 * the effect and the record commit together, with no transaction and no round trip more. If the
 * record is already there (a retry, or a key to take over) the statement fails whole and the
 * write runs again in a transaction, whose COMMIT runs the guard; a write that changed nothing
 * (`wrote` says so) rolls that transaction back, so the guard never records an effect that did
 * not happen. `answer`, when the request's final answer is known before the write (rendered by
 * the route from the result the write will have), is kept with the key by the same statement:
 * the request then stores no answer after it (one round trip and one commit fewer).
 */
export async function writeOnce<S, T>(
  db: Kysely<S>,
  write: (db: Kysely<S>, key: KeyRecord | null) => Promise<T>,
  wrote: (result: T) => boolean = () => true,
  answer: FinalAnswer | null = null,
): Promise<T> {
  const guard = guards.getStore();
  if (!guard) return write(db, null);
  const inStatement = guard.inStatement;
  if (inStatement) {
    try {
      const result = await write(db, (effect) => inStatement.record(effect, answer));
      // Gated on the effect: no effect, no record (and the guard still runs at a later commit).
      if (wrote(result)) inStatement.recorded(answer);
      return result;
    } catch (error) {
      if (!inStatement.isTaken(error)) throw error;
    }
  }
  try {
    return await db.transaction().execute(async (tx) => {
      const result = await write(tx, null);
      if (!wrote(result)) throw new NothingWritten(result);
      return result;
    });
  } catch (error) {
    if (error instanceof NothingWritten) return error.result as T;
    throw error;
  }
}

/** The driver of `dialect`, with the current commit guard (if any) run before each COMMIT. */
export function withCommitGuards(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => guardedDriver(dialect.createDriver()),
  };
}

function guardedDriver(driver: Driver): Driver {
  const guarded: Driver = {
    init: (options) => driver.init(options),
    acquireConnection: (options) => driver.acquireConnection(options),
    beginTransaction: (connection, settings) => driver.beginTransaction(connection, settings),
    async commitTransaction(connection) {
      const guard = guards.getStore();
      if (!guard) return driver.commitTransaction(connection);
      // Each noted answer is given to one COMMIT only, whatever becomes of it.
      const answer = guard.answer ?? null;
      guard.answer = undefined;
      let kept: unknown;
      try {
        kept = await guard(connection, answer);
      } finally {
        guard.keptByStatement = false;
      }
      await driver.commitTransaction(connection);
      if (kept === true && answer) guard.answerKept?.(answer);
    },
    rollbackTransaction(connection) {
      // An answer noted (or a key kept) in a transaction that rolls back was never the request's.
      const guard = guards.getStore();
      if (guard) {
        guard.answer = undefined;
        guard.keptByStatement = false;
      }
      return driver.rollbackTransaction(connection);
    },
    releaseConnection: (connection, options) => driver.releaseConnection(connection, options),
    destroy: (options) => driver.destroy(options),
  };
  if (driver.savepoint) guarded.savepoint = driver.savepoint.bind(driver);
  if (driver.rollbackToSavepoint)
    guarded.rollbackToSavepoint = driver.rollbackToSavepoint.bind(driver);
  if (driver.releaseSavepoint) guarded.releaseSavepoint = driver.releaseSavepoint.bind(driver);
  return guarded;
}
