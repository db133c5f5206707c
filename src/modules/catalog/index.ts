/** The catalogue module's front door: what the app, the seed and the CLI may use. */

export { IMPORT_ENCODINGS, type ImportEncoding } from '../../platform/text-encoding.js';
export { formatOfFileName } from './import-file.js';
export { type ImportReport, importItems, localizeRowError } from './import-items.js';
export type { RowError } from './item-csv.js';
export { seedDemoItems } from './repository.js';
export { catalogRoutes } from './routes.js';
