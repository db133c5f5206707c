/** The staff module's front door. */
export { staffRoutes } from './routes.js';
