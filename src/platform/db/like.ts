/** `%` and `_` typed by a person are letters, not wildcards. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An ILIKE pattern for "contains what the person typed" (Hangul composed, spaces trimmed). */
export function containsPattern(text: string): string {
  return `%${escapeLike(text.normalize('NFC').trim())}%`;
}
