/** The network module's front door: setting up a new network and guarding against demo passwords. */
export {
  DemoPasswordsError,
  NetworkNotEmptyError,
  oneTimePassword,
  refuseDemoPasswords,
  setUpNetwork,
} from './bootstrap.js';
