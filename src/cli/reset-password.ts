import { resetStaffPasswordByOperator } from '../modules/staff/index.js';
import { systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { withCommandDatabase } from './command-database.js';

export class NoSuchStaffError extends Error {}

/**
 * `library-one reset-password <username>`: a one-time password for a staff account, printed once
 * — how the operator lets back in a network admin who forgot the password and has no other
 * network admin to reset it. Whoever runs it can reach the database, so no sign-in is asked.
 */
export async function resetPasswordCommand(
  username: string,
  print: (line: string) => void = console.log,
): Promise<void> {
  const config = loadConfig();
  await withCommandDatabase(config, async (db) => {
    const password = await resetStaffPasswordByOperator(db, systemClock.now(), username);
    if (password === null) throw new NoSuchStaffError(`no staff account is named "${username}"`);
    print(`One-time password for ${username} (shown only now): ${password}`);
    print('It must be changed at the first sign-in; every session of the account has ended.');
  });
}
