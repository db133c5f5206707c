/** The statistics module's front door. */
export { statisticsRoutes } from './routes.js';
