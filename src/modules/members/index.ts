/** The members module's front door: what other modules, SIP2 and the app may use. */
export { checkMemberSecret } from './account.js';
export {
  isValidCardNumber,
  luhnCheckDigit,
  normalizeCardNumber,
} from './card-number.js';
export {
  cardRefusal,
  findCard,
  flagLostCardUse,
  presentCard,
  type ResolvedCard,
  scannedCardQuery,
} from './cards.js';
export { CONSENT_VERSION } from './consent.js';
export { changeMemberContact } from './contact.js';
export { identityKey } from './domain.js';
export {
  coveredLibraries,
  coveredLibraryList,
  coversLibrary,
  isCurrentCard,
  lockMember,
  type MemberRow,
} from './repository.js';
export { memberRoutes } from './routes.js';
export { heldByActor } from './scope.js';
export {
  erasePersonalData,
  missingCardError,
  withdrawalFactsOf,
  withdrawalRefusals,
} from './withdrawal.js';
