/** The privacy module's front door: retention jobs and the privacy policy's facts. */
export { CONSENT_VERSION } from './consent.js';
export { DEFAULT_BATCH, runRetentionJobs, scheduleRetentionJobs } from './retention.js';
export { privacyRoutes } from './routes.js';
