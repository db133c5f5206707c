/** The network module's front door: setting up a new network and guarding against demo passwords. */
export {
  DemoPasswordsError,
  NetworkNotEmptyError,
  type NetworkSetup,
  type NetworkSetupReport,
  oneTimePassword,
  refuseDemoPasswords,
  setUpNetwork,
} from './bootstrap.js';
