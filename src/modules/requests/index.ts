/** The requests module's front door (inter-library requests, 상호대차): routes, jobs, SIP2. */
export { chooseLendingLibrary } from './domain.js';
export { lendingCandidates } from './repository.js';
export {
  codeOfLibrary,
  libraryCode,
  placeRequest,
  receiveByScan,
  requestCheckin,
  requestedItemsOf,
  runRequestTimeouts,
  sendByScan,
} from './requests.js';
export { requestRoutes } from './routes.js';
