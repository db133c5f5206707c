/**
 * Character encodings a self-check terminal may speak. The encoding is a per-terminal setting:
 * UTF-8 by default; EUC-KR (KS X 1001) for older Korean machines.
 *
 * EUC-KR encoding uses a reverse table built once, at first use, from the platform's EUC-KR
 * decoder (lead and trail bytes 0xA1–0xFE). Characters outside KS X 1001 (for instance the
 * Hangul syllables only CP949 has) cannot be written in EUC-KR and become `?`.
 */
export type Sip2Encoding = 'utf-8' | 'euc-kr';

export const SIP2_ENCODINGS: readonly Sip2Encoding[] = ['utf-8', 'euc-kr'];

const REPLACEMENT_BYTE = 0x3f; // '?'
const utf8Encoder = new TextEncoder();
const decoders = new Map<Sip2Encoding, InstanceType<typeof TextDecoder>>();
let eucKrTable: Map<number, number> | undefined;

export function encodeText(text: string, encoding: Sip2Encoding): Uint8Array {
  return encoding === 'utf-8' ? utf8Encoder.encode(text) : encodeEucKr(text);
}

/** Decodes leniently: bytes that are not valid in `encoding` become U+FFFD. */
export function decodeText(bytes: Uint8Array, encoding: Sip2Encoding): string {
  let decoder = decoders.get(encoding);
  if (!decoder) {
    decoder = new TextDecoder(encoding);
    decoders.set(encoding, decoder);
  }
  return decoder.decode(bytes);
}

function encodeEucKr(text: string): Uint8Array {
  const table = eucKrReverseTable();
  const bytes: number[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? REPLACEMENT_BYTE;
    if (codePoint < 0x80) {
      bytes.push(codePoint);
      continue;
    }
    const pair = table.get(codePoint);
    if (pair === undefined) bytes.push(REPLACEMENT_BYTE);
    else bytes.push(pair >> 8, pair & 0xff);
  }
  return Uint8Array.from(bytes);
}

/** Code point → (lead << 8 | trail), from decoding every KS X 1001 byte pair once. */
function eucKrReverseTable(): Map<number, number> {
  if (eucKrTable) return eucKrTable;
  const pairs: number[] = [];
  const sample: number[] = [];
  for (let lead = 0xa1; lead <= 0xfe; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      pairs.push((lead << 8) | trail);
      sample.push(lead, trail, 0x0a);
    }
  }
  const decoded = decodeText(Uint8Array.from(sample), 'euc-kr').split('\n');
  const table = new Map<number, number>();
  pairs.forEach((pair, index) => {
    const chars = [...(decoded[index] ?? '')];
    const codePoint = chars.length === 1 ? chars[0]?.codePointAt(0) : undefined;
    if (codePoint === undefined || codePoint < 0x80 || codePoint === 0xfffd) return;
    if (!table.has(codePoint)) table.set(codePoint, pair);
  });
  eucKrTable = table;
  return table;
}
