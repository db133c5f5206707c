/** The staff module's front door. */
export { accountManagementRoutes } from './account-routes.js';
export { resetStaffPasswordByOperator } from './password-reset.js';
export { staffRoutes } from './routes.js';
