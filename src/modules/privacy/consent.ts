import facts from './privacy-facts.json' with { type: 'json' };

/** The version of the consent text a member agrees to (privacy-facts.json). */
export const CONSENT_VERSION: string = facts.consent.version;
