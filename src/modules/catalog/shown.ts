/**
 * Holding libraries a search result carries per title, at most (the portal shows them all and
 * links "and N more" to the title page, which lists every one). Shared with the web app: keep
 * this file free of imports.
 */
export const CATALOGUE_HOLDINGS_SHOWN = 8;
