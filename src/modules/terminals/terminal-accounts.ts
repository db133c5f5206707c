import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { hashSecret } from '../../platform/auth/secrets.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { MAX_ALLOWED_ADDRESSES, parseAddressList } from '../../platform/net/allowed-addresses.js';

/** A library admin (or the network admin) takes a machine out of service or rotates its password. */

async function terminalLibrary(context: AppContext, actor: Actor, terminalId: number) {
  const row = await context.db
    .selectFrom('terminals')
    .select(['id', 'library_id'])
    .where('id', '=', terminalId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  authorize(actor, 'terminal.manage', { libraryId: row.library_id });
  return row.library_id;
}

/** A disabled terminal's SIP2 login (93) is refused like a wrong password. */
export async function setTerminalDisabled(
  context: AppContext,
  actor: Actor,
  terminalId: number,
  disabled: boolean,
): Promise<void> {
  const libraryId = await terminalLibrary(context, actor, terminalId);
  const now = context.clock.now();
  await context.db.transaction().execute(async (tx) => {
    await tx.updateTable('terminals').set({ disabled }).where('id', '=', terminalId).execute();
    await recordAudit(tx, actor, now, {
      action: disabled ? 'terminal.disabled' : 'terminal.enabled',
      subjectKind: 'terminal',
      subjectId: terminalId,
      libraryId,
    });
  });
}

/** The new password takes effect at the machine's next login; the lockout starts afresh. */
export async function rotateTerminalPassword(
  context: AppContext,
  actor: Actor,
  terminalId: number,
  password: string,
): Promise<void> {
  const libraryId = await terminalLibrary(context, actor, terminalId);
  const passwordHash = await hashSecret(password);
  const now = context.clock.now();
  await context.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('terminals')
      .set({ password_hash: passwordHash, failed_sign_ins: 0, sign_in_locked_until: null })
      .where('id', '=', terminalId)
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'terminal.password_rotated',
      subjectKind: 'terminal',
      subjectId: terminalId,
      libraryId,
    });
  });
}

/**
 * The source addresses (IPv4/IPv6 addresses or CIDR ranges) the machine may log in from, stored
 * canonical; an empty list lets it log in from any address. Sessions already open stay open; the
 * list applies from the next login (93).
 */
export async function setTerminalAllowedAddresses(
  context: AppContext,
  actor: Actor,
  terminalId: number,
  entries: readonly string[],
): Promise<string[]> {
  const libraryId = await terminalLibrary(context, actor, terminalId);
  const parsed = parseAddressList(entries);
  if (!parsed.ok) {
    throw validationFailed(
      'allowedAddresses',
      `"${parsed.entry}" is not an IP address or a CIDR range (10.20.0.0/16, 2001:db8::/32)`,
    );
  }
  if (parsed.cidrs.length > MAX_ALLOWED_ADDRESSES) {
    throw validationFailed('allowedAddresses', `at most ${MAX_ALLOWED_ADDRESSES} entries`);
  }
  const now = context.clock.now();
  await context.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('terminals')
      .set({ allowed_addresses: parsed.cidrs })
      .where('id', '=', terminalId)
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'terminal.allowed_addresses_set',
      subjectKind: 'terminal',
      subjectId: terminalId,
      libraryId,
      details: { allowedAddresses: parsed.cidrs },
    });
  });
  return parsed.cidrs;
}
