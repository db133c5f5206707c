/** The self-check terminals module's front door: what SIP2, the seed and the app may use. */
export { blockCardFromTerminal } from './card-blocks.js';
export { terminalRoutes } from './routes.js';
export { rotateTerminalPassword, setTerminalDisabled } from './terminal-accounts.js';
export { type SignedInTerminal, seedDemoTerminals, signInTerminal } from './terminals.js';
