/** The circulation module's front door: what SIP2 and the app may use. */
export { loadBorrowerStanding } from './borrower-standing.js';
export { checkout } from './checkout.js';
export {
  type CheckoutFacts,
  checkoutRefusals,
  daysLate,
  dueDateFor,
  isOverdue,
  isSuspendedOn,
  type OpenLoanFact,
  penaltyRefusals,
  suspensionAfterReturn,
  unknownItem,
} from './domain.js';
export { renewLoan } from './renew.js';
export { returnItem } from './return-item.js';
export {
  copyInNoRequest,
  copyWhereabouts,
  itemAt,
  lentAndReturnedToday,
  networkRules,
  openLoanOfItem,
} from './return-reads.js';
export { circulationRoutes, withSentences } from './routes.js';
export { deriveStanding, renewsAt, type Standing, type StandingLoan } from './standing.js';
export { cardScan, statusViewed } from './status.js';
