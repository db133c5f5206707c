/**
 * The business day of a loan's last renewal. A self-check machine has no idempotency key: one
 * that got no answer to a renewal sends it again, and the loan says whether it was renewed today
 * (docs/decisions.md, "A checkout or renewal sent again the same day is the one it was"). A
 * nullable column without a default: added without rewriting the table, null for every loan
 * before it.
 */
export const statements = ['alter table loans add column renewed_on date'];
