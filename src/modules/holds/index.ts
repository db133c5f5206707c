/** The holds module's front door (issue 20, 예약): what circulation, SIP2 and the app may use. */
export { maskName } from './domain.js';
export { holdRoutes } from './routes.js';
export {
  cancelHoldOfTitleAtDesk,
  type HoldView,
  holdItemsOf,
  holdOfTitleChangedToday,
  placeHoldAtDesk,
  placeOwnHold,
  takeOffPutBackList,
} from './service.js';
export {
  expireHolds,
  planTrap,
  setAsideCtes,
  type Trap,
  trapForNextInLine,
} from './trap.js';
