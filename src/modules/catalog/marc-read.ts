import { SaxesParser } from 'saxes';
import {
  decodeCp949,
  decodeText,
  decodeUtf8,
  type ImportEncoding,
  type TextEncodingName,
} from '../../platform/text-encoding.js';

/**
 * MARC 21 and KORMARC records from ISO 2709 files (.mrc) and MARCXML. Only the structure is read
 * here (leader, control fields, data fields with indicators and subfields); marc-items.ts maps it
 * to copies. Why not a MARC package from npm: docs/decisions.md ("MARC import").
 */

export interface MarcSubfield {
  code: string;
  value: string;
}

export interface MarcField {
  tag: string;
  /** A control field's (001–009) value; '' for a data field. */
  value: string;
  ind1: string;
  ind2: string;
  subfields: MarcSubfield[];
}

export interface MarcRecord {
  leader: string;
  fields: MarcField[];
}

/** Why one record cannot be read: a stable code and its facts (item-import.json words them). */
export interface MarcRecordProblem {
  code: string;
  params: Record<string, string | number>;
}

/** One record of the file, numbered from 1 in file order, read or not. */
export type MarcEntry =
  | { number: number; record: MarcRecord; encoding: TextEncodingName }
  | { number: number; problem: MarcRecordProblem; controlNumber: string | null };

export type MarcReadResult =
  | { ok: true; entries: MarcEntry[] }
  | { ok: false; code: string; params: Record<string, string | number> };

const RECORD_END = 0x1d;
const FIELD_END = 0x1e;
const SUBFIELD = '\x1f';
const LEADER_LENGTH = 24;
const ENTRY_LENGTH = 12;

/** Control fields are 001–009: a value without indicators or subfields. */
export function isControlTag(tag: string): boolean {
  return /^00\d$/.test(tag);
}

/** The 001 control number, when the record has one. */
export function controlNumberOf(record: MarcRecord): string | null {
  const value = record.fields.find((field) => field.tag === '001')?.value.trim();
  return value ? value : null;
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

function digits(text: string): number | null {
  return /^\d+$/.test(text) ? Number(text) : null;
}

function dataField(tag: string, text: string): MarcField {
  const [indicators = '', ...parts] = text.split(SUBFIELD);
  return {
    tag,
    value: '',
    ind1: indicators.charAt(0) || ' ',
    ind2: indicators.charAt(1) || ' ',
    subfields: parts
      .filter((part) => part.length > 0)
      .map((part) => ({ code: part.charAt(0), value: part.slice(1) })),
  };
}

function field(tag: string, text: string): MarcField {
  return isControlTag(tag)
    ? { tag, value: text, ind1: ' ', ind2: ' ', subfields: [] }
    : dataField(tag, text);
}

interface DirectoryEntry {
  tag: string;
  start: number;
  end: number;
}

/** The directory's entries as byte ranges of the record, or null when it does not add up. */
function readDirectory(bytes: Uint8Array): DirectoryEntry[] | null {
  const directoryEnd = bytes.indexOf(FIELD_END, LEADER_LENGTH);
  if (directoryEnd < 0 || (directoryEnd - LEADER_LENGTH) % ENTRY_LENGTH !== 0) return null;
  // The leader's base address, or (when a hand-made file has it wrong) right after the directory.
  const declaredBase = digits(ascii(bytes, 12, 17));
  const base = declaredBase === directoryEnd + 1 ? declaredBase : directoryEnd + 1;
  const entries: DirectoryEntry[] = [];
  for (let at = LEADER_LENGTH; at < directoryEnd; at += ENTRY_LENGTH) {
    const tag = ascii(bytes, at, at + 3);
    const length = digits(ascii(bytes, at + 3, at + 7));
    const offset = digits(ascii(bytes, at + 7, at + 12));
    if (!/^[0-9A-Za-z]{3}$/.test(tag) || length === null || offset === null) return null;
    const start = base + offset;
    const end = start + length;
    if (end > bytes.length) return null;
    entries.push({ tag, start, end: bytes[end - 1] === FIELD_END ? end - 1 : end });
  }
  return entries;
}

/**
 * The record's character set: UTF-8 when its bytes are UTF-8 (leader/09 `a` says so, but KORMARC
 * files with a blank 09 are often UTF-8 too), else CP949 (EUC-KR), unless the caller chose one.
 */
function recordEncoding(
  bytes: Uint8Array,
  leader: string,
  encoding: ImportEncoding,
): TextEncodingName | null {
  const data = bytes.subarray(LEADER_LENGTH);
  if (encoding === 'utf-8' || (encoding === 'auto' && leader.charAt(9) === 'a')) {
    if (decodeUtf8(data) !== null) return 'utf-8';
    if (encoding === 'utf-8') return null;
  }
  const decoded = decodeText(data, encoding);
  return decoded.ok ? decoded.encoding : null;
}

function decodeField(bytes: Uint8Array, encoding: TextEncodingName): string {
  return (encoding === 'utf-8' ? decodeUtf8(bytes) : decodeCp949(bytes)) ?? '';
}

function readIsoRecord(bytes: Uint8Array, number: number, encoding: ImportEncoding): MarcEntry {
  const unreadable = (code: string, controlNumber: string | null = null): MarcEntry => ({
    number,
    problem: { code, params: {} },
    controlNumber,
  });
  if (bytes.length < LEADER_LENGTH + 1) return unreadable('MARC_RECORD_UNREADABLE');
  const leader = ascii(bytes, 0, LEADER_LENGTH);
  const entries = readDirectory(bytes);
  if (!/^\d{5}/.test(leader) || entries === null) return unreadable('MARC_RECORD_UNREADABLE');
  const control = entries.find((entry) => entry.tag === '001');
  const controlNumber = control ? ascii(bytes, control.start, control.end).trim() || null : null;
  const chosen = recordEncoding(bytes, leader, encoding);
  if (chosen === null) return unreadable('MARC_RECORD_ENCODING', controlNumber);
  const fields = entries.map((entry) =>
    field(entry.tag, decodeField(bytes.subarray(entry.start, entry.end), chosen)),
  );
  return { number, record: { leader, fields }, encoding: chosen };
}

/** Every record of an ISO 2709 file; a broken record is reported, the next ones still read. */
export function readIso2709(
  content: Uint8Array,
  encoding: ImportEncoding = 'auto',
): MarcReadResult {
  const entries: MarcEntry[] = [];
  let start = 0;
  while (start < content.length) {
    const found = content.indexOf(RECORD_END, start);
    const end = found < 0 ? content.length : found;
    const chunk = content.subarray(start, end);
    // Line breaks or spaces between records (some exports add them) are not a record.
    const skip = chunk.findIndex((byte) => byte > 0x20);
    if (skip >= 0) entries.push(readIsoRecord(chunk.subarray(skip), entries.length + 1, encoding));
    start = end + 1;
  }
  if (entries.length === 0) return { ok: false, code: 'MARC_NO_RECORDS', params: {} };
  return { ok: true, entries };
}

const XML_DECLARED_ENCODING = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i;
const KOREAN_CHARSETS = new Set(['euc-kr', 'cp949', 'ks_c_5601-1987', 'uhc', 'windows-949']);

/** The document's text: the chosen encoding, else the one its XML declaration names. */
function xmlText(content: Uint8Array, encoding: ImportEncoding) {
  const head = Buffer.from(content.buffer, content.byteOffset, Math.min(200, content.length));
  const declared = XML_DECLARED_ENCODING.exec(head.toString('latin1'))?.[1]?.toLowerCase();
  const chosen =
    encoding === 'auto' && declared && KOREAN_CHARSETS.has(declared) ? 'euc-kr' : encoding;
  return decodeText(content, chosen);
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/**
 * Every record of a MARCXML document (a `<collection>` of `<record>`s, or one `<record>`; with or
 * without the `marc:` prefix). A document that is not well-formed XML is refused as a whole.
 */
export function readMarcXml(
  content: Uint8Array,
  encoding: ImportEncoding = 'auto',
): MarcReadResult {
  const decoded = xmlText(content, encoding);
  if (!decoded.ok) return { ok: false, code: 'FILE_ENCODING_UNKNOWN', params: {} };
  const parser = new SaxesParser({ position: true });
  const entries: MarcEntry[] = [];
  let root: string | null = null;
  let record: MarcRecord | null = null;
  let current: MarcField | null = null;
  let subfield: MarcSubfield | null = null;
  let text = '';
  let leaderOpen = false;
  let failure: { line: number } | null = null;
  parser.on('error', () => {
    failure ??= { line: parser.line };
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const attribute = (key: string) => String(tag.attributes[key] ?? '');
    root ??= name;
    text = '';
    if (name === 'record') record = { leader: '', fields: [] };
    else if (name === 'leader') leaderOpen = true;
    else if (name === 'controlfield' || name === 'datafield') {
      current = {
        tag: attribute('tag'),
        value: '',
        ind1: attribute('ind1') || ' ',
        ind2: attribute('ind2') || ' ',
        subfields: [],
      };
    } else if (name === 'subfield') subfield = { code: attribute('code'), value: '' };
  });
  parser.on('text', (chunk) => {
    text += chunk;
  });
  parser.on('cdata', (chunk) => {
    text += chunk;
  });
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (name === 'leader' && record && leaderOpen) record.leader = text;
    else if (name === 'subfield' && subfield && current) {
      current.subfields.push({ ...subfield, value: text });
      subfield = null;
    } else if ((name === 'controlfield' || name === 'datafield') && current && record) {
      if (name === 'controlfield') current.value = text;
      record.fields.push(current);
      current = null;
    } else if (name === 'record' && record) {
      entries.push({ number: entries.length + 1, record, encoding: decoded.encoding });
      record = null;
    }
    leaderOpen = name === 'leader' ? false : leaderOpen;
    text = '';
  });
  try {
    parser.write(decoded.text.replace(/^\uFEFF/, '')).close();
  } catch {
    failure ??= { line: parser.line };
  }
  if (failure) return { ok: false, code: 'MARCXML_UNREADABLE', params: failure };
  if (root !== 'collection' && root !== 'record') {
    return { ok: false, code: 'MARCXML_NOT_MARC', params: { root: root ?? '' } };
  }
  if (entries.length === 0) return { ok: false, code: 'MARC_NO_RECORDS', params: {} };
  return { ok: true, entries };
}
