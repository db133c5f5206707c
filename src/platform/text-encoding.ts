import iconv from 'iconv-lite';

/**
 * The character sets librarians' files come in: UTF-8, or EUC-KR as Korean Excel and older
 * library systems save it (decoded as CP949, Microsoft's superset of EUC-KR that Windows writes).
 */
export const IMPORT_ENCODINGS = ['auto', 'utf-8', 'euc-kr'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];
export type TextEncodingName = Exclude<ImportEncoding, 'auto'>;

export type DecodedText = { ok: true; text: string; encoding: TextEncodingName } | { ok: false };

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((byte, index) => bytes[index] === byte);
}

/** Strict UTF-8: any byte sequence that is not UTF-8 gives null (a byte order mark is dropped). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** CP949 (EUC-KR and its Windows extension); null when a byte sequence is not CP949. */
export function decodeCp949(bytes: Uint8Array): string | null {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'cp949');
  // iconv-lite puts U+FFFD for what it cannot decode; CP949 itself has no such character.
  return text.includes('\uFFFD') ? null : text;
}

/**
 * Text from bytes in the chosen encoding. `auto`: a file that is valid UTF-8 stays UTF-8 (a
 * CP949 file of Korean text is almost never valid UTF-8); otherwise CP949 if it decodes cleanly.
 */
export function decodeText(bytes: Uint8Array, encoding: ImportEncoding = 'auto'): DecodedText {
  if (encoding !== 'euc-kr' || hasUtf8Bom(bytes)) {
    const utf8 = decodeUtf8(bytes);
    if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
    if (encoding === 'utf-8') return { ok: false };
  }
  const cp949 = decodeCp949(bytes);
  return cp949 === null ? { ok: false } : { ok: true, text: cp949, encoding: 'euc-kr' };
}
