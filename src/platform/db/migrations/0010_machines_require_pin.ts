/**
 * The network rule "machines require the PIN" (issue 13, point 6): a self-check machine's
 * checkout, renewal or patron information without the card's PIN is refused. On by default;
 * the network admin may turn it off (PUT /api/v1/network/rules).
 */
export const statements = [
  'alter table network_rules add column machines_require_pin boolean not null default true',
];
