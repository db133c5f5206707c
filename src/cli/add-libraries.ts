import { addLibraries, NoNetworkError, readDirectoryCsv } from '../modules/libraries/index.js';
import { systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { withCommandDatabase } from './command-database.js';
import { formatRowError } from './init.js';

/** A refusal of `add-libraries` said as it is: the file's errors, or no network to add to. */
export class AddLibrariesError extends Error {
  override name = 'AddLibrariesError';
}

/**
 * `library-one add-libraries <file>`: libraries joining a running network, from a CSV in `init`'s
 * format. New ones are added planned (the network admin sets their start and lets them lend);
 * those already there are left as they are, so the province's whole list can be given again.
 */
export async function addLibrariesCommand(
  file: string,
  options: { env?: Record<string, string | undefined>; print?: (line: string) => void } = {},
): Promise<void> {
  const print = options.print ?? console.log;
  const config = loadConfig(options.env ?? process.env);
  const parsed = readDirectoryCsv(file);
  if (!parsed.ok) {
    throw new AddLibrariesError(
      `${file} has ${parsed.errors.length} error(s); nothing was written:\n${parsed.errors.map(formatRowError).join('\n')}`,
    );
  }
  await withCommandDatabase(config, async (db) => {
    const report = await addLibraries(db, systemClock.now(), parsed.directory).catch(
      (error: unknown) => {
        if (!(error instanceof NoNetworkError)) throw error;
        throw new AddLibrariesError(
          'this database has no network yet: set it up with `library-one init` (docs/deploy.md)',
        );
      },
    );
    for (const region of report.regionsAdded) {
      print(`New region: ${region.nameKo} (${region.nameEn})`);
    }
    for (const library of report.added) print(`Added: ${library.nameKo} (${library.code})`);
    for (const library of report.alreadyThere) {
      print(`Already in the network, left as it is: ${library.nameKo} (${library.code})`);
    }
    print(
      report.added.length > 0
        ? `Added ${report.added.length} ${report.added.length === 1 ? 'library' : 'libraries'}, planned: the network admin sets each one's start and lets it lend.`
        : 'No library added: every library of the file is already in the network.',
    );
  });
}
