/** The libraries module's front door: what other modules and the app may use. */
export { libraryAdminRoutes } from './admin-routes.js';
export {
  DEFAULT_DIRECTORY_CSV,
  type Directory,
  type DirectoryRowError,
  readDirectoryCsv,
} from './directory-csv.js';
export {
  type LibraryCalendar,
  type LibraryStatus,
  type LoanRules,
  type NetworkRules,
  nextOpenDay,
} from './domain.js';
export { type LibraryFacts, libraryFactsColumns, pickLibraryFacts } from './facts.js';
export { createLibraryRepository, type LibraryRepository, readNetworkRules } from './repository.js';
export { libraryRoutes } from './routes.js';
export { writeLibraryRules } from './rules.js';
export {
  addLibraries,
  NoNetworkError,
  SEED_PLANNED_START,
  seedLibraryDirectory,
} from './seed.js';
