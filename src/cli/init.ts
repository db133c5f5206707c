import { readFileSync } from 'node:fs';
import {
  DEFAULT_DIRECTORY_CSV,
  type DirectoryRowError,
  readDirectoryCsv,
  SEED_PLANNED_START,
} from '../modules/libraries/index.js';
import { oneTimePassword, setUpNetwork } from '../modules/network/index.js';
import { systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { withCommandDatabase } from './command-database.js';

/**
 * `library-one init`: a real network on an empty database, its libraries from a CSV, and the
 * first network admin with a one-time password.
 */

export const ADMIN_PASSWORD_ENV = 'LIBRARY_ONE_ADMIN_PASSWORD';

export interface InitCommandOptions {
  libraries?: string;
  admin: string;
  passwordFile?: string;
  env?: Record<string, string | undefined>;
  print?: (line: string) => void;
  printError?: (line: string) => void;
}

export class InitError extends Error {
  override name = 'InitError';
}

/** A libraries CSV's bad row as the operator reads it (`init`, `add-libraries`). */
export function formatRowError(error: DirectoryRowError): string {
  return error.line > 0 ? `  line ${error.line}: ${error.message}` : `  ${error.message}`;
}

/** The one-time password: from a file, the environment, or made up and printed once. */
function chooseAdminPassword(
  options: InitCommandOptions,
  env: Record<string, string | undefined>,
): { password: string; generated: boolean } {
  const given = options.passwordFile
    ? readFileSync(options.passwordFile, 'utf8').replace(/\r?\n$/, '')
    : env[ADMIN_PASSWORD_ENV];
  if (given === undefined || given === '') return { password: oneTimePassword(), generated: true };
  if (given.length < 8 || given.length > 128) {
    throw new InitError('the one-time password must have 8 to 128 characters');
  }
  return { password: given, generated: false };
}

export async function initCommand(options: InitCommandOptions): Promise<void> {
  const env = options.env ?? process.env;
  const print = options.print ?? console.log;
  const config = loadConfig(env);
  const file = options.libraries ?? DEFAULT_DIRECTORY_CSV;
  const parsed = readDirectoryCsv(file);
  if (!parsed.ok) {
    throw new InitError(
      `${String(file)} has ${parsed.errors.length} error(s); nothing was written:\n${parsed.errors.map(formatRowError).join('\n')}`,
    );
  }
  const { password, generated } = chooseAdminPassword(options, env);
  await withCommandDatabase(config, async (db) => {
    const report = await setUpNetwork(db, systemClock, {
      directory: parsed.directory,
      plannedStart: options.libraries === undefined ? SEED_PLANNED_START : null,
      adminUsername: options.admin,
      adminPassword: password,
    });
    print(
      `Set up ${report.libraries} libraries in ${report.regions} regions (all planned: the network admin lets each one lend).`,
    );
    print(`Network admin: ${report.adminUsername} (at ${report.adminLibraryCode})`);
    if (generated) print(`One-time password (shown only now): ${password}`);
    else print('One-time password: the one you gave.');
    print('It must be changed at the first sign-in.');
  });
}
