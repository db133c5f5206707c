/** The catalogue module's front door: what the app, the seed and the CLI may use. */
export { type ImportReport, importItems, localizeImportReport } from './import-items.js';
export type { RowError } from './item-csv.js';
export { seedDemoItems } from './repository.js';
export { catalogRoutes } from './routes.js';
