import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, TerminalActor } from '../../platform/auth/actor.js';
import { releaseThrottledAttempt, reserveThrottledAttempt } from '../../platform/auth/attempts.js';
import { authorize } from '../../platform/auth/authorize.js';
import { DEMO_TERMINAL_PASSWORD } from '../../platform/auth/demo-passwords.js';
import { hashSecret, verifySecret } from '../../platform/auth/secrets.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { DB, TerminalEncoding, TerminalLanguage } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { addressAllowed } from '../../platform/net/allowed-addresses.js';

/** Self-check terminals: one SIP2 account per machine, created by the library's admin. */

export { DEMO_TERMINAL_PASSWORD };

export interface TerminalView {
  id: number;
  libraryId: number;
  username: string;
  encoding: TerminalEncoding;
  language: TerminalLanguage;
  disabled: boolean;
  /** CIDR ranges the machine may log in from; empty: any address. */
  allowedAddresses: string[];
  createdAt: Date;
}

/** What a SIP2 connection needs of its terminal once logged in. */
export interface SignedInTerminal {
  actor: TerminalActor;
  username: string;
  encoding: TerminalEncoding;
  language: TerminalLanguage;
}

export interface NewTerminal {
  username: string;
  password: string;
  encoding?: TerminalEncoding | undefined;
  language?: TerminalLanguage | undefined;
}

/** `gyeongnamdaepyo-library` → `gyeongnamdaepyo-sc1`, as README lists the demo terminals. */
export function terminalUsername(libraryCode: string, number = 1): string {
  return `${libraryCode.replace(/-library$/, '')}-sc${number}`;
}

/** What a terminal's view is made of (`toView`). */
const VIEW_COLUMNS = [
  'id',
  'library_id',
  'username',
  'encoding',
  'language',
  'disabled',
  'allowed_addresses',
  'created_at',
] as const;

function terminalQuery(db: Kysely<DB>) {
  return db.selectFrom('terminals').select(VIEW_COLUMNS);
}

type TerminalRow = Awaited<ReturnType<ReturnType<typeof terminalQuery>['executeTakeFirstOrThrow']>>;

function toView(row: TerminalRow): TerminalView {
  return {
    id: row.id,
    libraryId: row.library_id,
    username: row.username,
    encoding: row.encoding,
    language: row.language,
    disabled: row.disabled,
    allowedAddresses: row.allowed_addresses,
    createdAt: row.created_at,
  };
}

export async function listTerminals(
  context: AppContext,
  actor: Actor,
  libraryId: number,
): Promise<TerminalView[]> {
  authorize(actor, 'library.manage', { libraryId });
  const rows = await terminalQuery(context.db)
    .where('library_id', '=', libraryId)
    .orderBy('id')
    .execute();
  return rows.map(toView);
}

/** A library admin (or the network admin) creates a terminal account; the password is hashed. */
export async function createTerminal(
  context: AppContext,
  actor: Actor,
  libraryId: number,
  input: NewTerminal,
): Promise<TerminalView> {
  authorize(actor, 'library.manage', { libraryId });
  const library = await context.libraries.findById(libraryId);
  if (!library) throw new AppError('NOT_FOUND');
  const now = context.clock.now();
  const passwordHash = await hashSecret(input.password);
  try {
    return await context.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('terminals')
        .values({
          library_id: libraryId,
          username: input.username.trim().toLowerCase(),
          password_hash: passwordHash,
          encoding: input.encoding ?? 'utf-8',
          language: input.language ?? 'ko',
          created_at: now,
        })
        .returning(VIEW_COLUMNS)
        .executeTakeFirstOrThrow();
      await recordAudit(tx, actor, now, {
        action: 'terminal.created',
        subjectKind: 'terminal',
        subjectId: row.id,
        libraryId,
        details: { encoding: row.encoding, language: row.language },
      });
      return toView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', { reason: 'this terminal user name is taken' });
    throw error;
  }
}

/**
 * Wrong SIP2 logins counted by source address, not by account: a stranger cannot lock a machine's
 * account, and one source guessing passwords is slowed down whichever account it tries.
 */
export const TERMINAL_SOURCE_LOCKOUT = { maxAttempts: 10, lockMinutes: 10 };

export type TerminalSignIn =
  | { ok: true; terminal: SignedInTerminal }
  | {
      ok: false;
      /** `address`: the account exists but may not log in from this source address. */
      why: 'refused' | 'throttled' | 'address';
      /** The account's library, when the user name names one (for the operator's metrics). */
      libraryId?: number;
      terminalId?: number;
    };

/**
 * SIP2 login (93): the terminal's user name and password, the attempt reserved for the source
 * address before the password is verified (src/platform/auth/attempts.ts). A source outside the
 * terminal's allowed addresses is refused without the password being checked (the same answer
 * as a wrong password, and the same time: nothing is learnt from outside, and the account is not
 * locked), and stays counted against that source.
 */
export async function signInTerminal(
  db: Kysely<DB>,
  input: { username: string; password: string; source: string },
  now: Date,
): Promise<TerminalSignIn> {
  const throttleKey = `sip2:${input.source}`;
  try {
    await reserveThrottledAttempt(db, throttleKey, now, TERMINAL_SOURCE_LOCKOUT);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, why: 'throttled' };
    throw error;
  }
  const row = await db
    .selectFrom('terminals')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.trim().toLowerCase()))
    .executeTakeFirst();
  const account = row ? { libraryId: row.library_id, terminalId: row.id } : {};
  const outside = row && !row.disabled && !addressAllowed(row.allowed_addresses, input.source);
  if (outside) {
    await verifySecret(null, input.password);
    return { ok: false, why: 'address', ...account };
  }
  const hash = row && !row.disabled ? row.password_hash : null;
  if (!(await verifySecret(hash, input.password)) || !row) {
    return { ok: false, why: 'refused', ...account };
  }
  await releaseThrottledAttempt(db, throttleKey, TERMINAL_SOURCE_LOCKOUT);
  return {
    ok: true,
    terminal: {
      actor: { kind: 'terminal', terminalId: row.id, libraryId: row.library_id },
      username: row.username,
      encoding: row.encoding,
      language: row.language,
    },
  };
}

/** One demo terminal per library: `<library code without -library>-sc1`, password `library-one-sip2`. */
export async function seedDemoTerminals(db: Kysely<DB>): Promise<{ terminals: number }> {
  const libraries = await db.selectFrom('libraries').select(['id', 'code']).orderBy('id').execute();
  if (libraries.length === 0) return { terminals: 0 };
  const passwordHash = await hashSecret(DEMO_TERMINAL_PASSWORD);
  await db
    .insertInto('terminals')
    .values(
      libraries.map((library) => ({
        library_id: library.id,
        username: terminalUsername(library.code),
        password_hash: passwordHash,
      })),
    )
    .execute();
  return { terminals: libraries.length };
}
