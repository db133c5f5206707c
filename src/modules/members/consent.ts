/** The consent text's version is the privacy module's fact; registrations store it. */
export { CONSENT_VERSION } from '../privacy/index.js';
