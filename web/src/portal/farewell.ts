/**
 * A member who just withdrew lands on the sign-in page: it says the withdrawal was done, once.
 * Kept in the tab's memory only (never stored): a reload no longer says it.
 */
let justWithdrawn = false;

export function sayFarewell(): void {
  justWithdrawn = true;
}

/** Whether a withdrawal was just done; asking forgets it. */
export function takeFarewell(): boolean {
  const said = justWithdrawn;
  justWithdrawn = false;
  return said;
}
