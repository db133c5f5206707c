/** The requests module's front door (inter-library requests, 상호대차): routes, jobs, SIP2. */
export {
  codeOfLibrary,
  libraryCode,
  requestCheckin,
  requestedItemsOf,
  runRequestTimeouts,
} from './requests.js';
export { requestRoutes } from './routes.js';
