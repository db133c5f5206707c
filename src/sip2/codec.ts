/**
 * The SIP2 v2.00 codec: pure functions from message objects to bytes and back. No I/O.
 *
 * - `encode(message, options)` → the bytes of one message, with `AY<n>AZ<checksum>` when error
 *   detection is on, ending in CR.
 * - `decode(line, options)` → `{ ok: true, message }` or `{ ok: false, error }`; never throws.
 * - `build*` fill in the usual defaults; `createFrameReader` splits a byte stream into lines.
 */

import { concatBytes as concat } from '../platform/bytes.js';
import {
  BLANK_SIP_DATE,
  type FieldCodec,
  type FixedCodec,
  MalformedField,
  patronStatus,
  Sip2EncodeError,
  type Sip2Field,
  sanitizeFieldValue,
} from './fields.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from './framing.js';
import {
  isMessageCode,
  LAYOUTS,
  type MessageCode,
  type MessageOf,
  OTHER_FIXED_LENGTHS,
  type Sip2Message,
  type SupportedSip2Message,
  type UnsupportedMessage,
} from './messages.js';
import { decodeText, encodeText, type Sip2Encoding } from './text-encoding.js';

export * from './codes.js';
export * from './fields.js';
export * from './framing.js';
export * from './messages.js';
export * from './text-encoding.js';

export interface EncodeOptions {
  /** Append `AY<sequence>AZ<checksum>` (default: no). */
  errorDetection?: boolean;
  /** The sequence number 0–9 (default 0); 96 and 97 never carry one. */
  sequence?: number;
  /** The terminal's character encoding (default UTF-8). */
  encoding?: Sip2Encoding;
}

export interface DecodeOptions {
  encoding?: Sip2Encoding;
  maxBytes?: number;
}

export type DecodeErrorKind = 'malformed' | 'checksum' | 'too-long';

export type DecodeResult =
  | {
      ok: true;
      message: Sip2Message;
      /** The message carried a checksum: answer with error detection too. */
      errorDetection: boolean;
      sequence?: number;
    }
  | {
      ok: false;
      /** `checksum`: ask for the message again (96 from the ACS, 97 from the terminal). */
      error: DecodeErrorKind;
      detail: string;
      /** The two-digit command identifier, when the line started with one. */
      commandIdentifier?: string;
      sequence?: number;
    };

const CR = 0x0d;
const LF = 0x0a;

// ---------------------------------------------------------------------------------------------
// Checksum

/** Two's complement of the 16-bit sum of `bytes`, as 4 upper-case hex digits. */
export function checksum(bytes: Uint8Array): string {
  let sum = 0;
  for (const byte of bytes) sum = (sum + byte) & 0xffff;
  return (-sum & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

// ---------------------------------------------------------------------------------------------
// Encoding

/** The message as text, without error detection or line end. */
export function formatMessage(message: Sip2Message): string {
  if (message.code === 'unsupported') return formatUnsupported(message);
  const layout = layoutOf(message.code);
  const values = asRecord(message);
  const fixed = layout.fixed.map(([key, codec]) => codec.format(values[key])).join('');
  const fields = layout.fields.flatMap(([id, key, codec]) => {
    const value = values[key];
    return value === undefined ? [] : codec.format(value).map((text) => ({ id, value: text }));
  });
  return message.code + fixed + formatFields([...fields, ...(message.otherFields ?? [])]);
}

/** The bytes of one message: text, optional `AY<n>AZ<checksum>`, CR. */
export function encode(message: Sip2Message, options: EncodeOptions = {}): Uint8Array {
  return encodeLine(formatMessage(message), options);
}

/** Frames a message already written as text (for raw messages typed by a person). */
export function encodeLine(text: string, options: EncodeOptions = {}): Uint8Array {
  if (/[\r\n]/.test(text)) throw new Sip2EncodeError('a message cannot contain CR or LF');
  const encoding = options.encoding ?? 'utf-8';
  if (!options.errorDetection) return concat([encodeText(text, encoding), Uint8Array.of(CR)]);
  const sequence = /^9[67]/.test(text) ? '' : `AY${sequenceDigit(options.sequence ?? 0)}`;
  const body = encodeText(`${text}${sequence}AZ`, encoding);
  return concat([body, encodeText(`${checksum(body)}\r`, 'utf-8')]);
}

function formatUnsupported(message: UnsupportedMessage): string {
  const { commandIdentifier, fixed, fields } = message;
  if (!/^\d\d$/.test(commandIdentifier)) {
    throw new Sip2EncodeError(`command identifier must be two digits: ${commandIdentifier}`);
  }
  const length = OTHER_FIXED_LENGTHS[commandIdentifier];
  if (fields.length > 0 && length !== fixed.length) {
    throw new Sip2EncodeError(`fields need the ${length ?? 'known'}-character fixed part`);
  }
  return commandIdentifier + fixed.replace(/[\r\n]/g, ' ') + formatFields(fields);
}

function formatFields(fields: readonly Sip2Field[]): string {
  return fields.map(({ id, value }) => `${id}${sanitizeFieldValue(value)}|`).join('');
}

function sequenceDigit(sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 9) {
    throw new Sip2EncodeError(`sequence number must be 0–9, got ${sequence}`);
  }
  return String(sequence);
}

// ---------------------------------------------------------------------------------------------
// Decoding

/**
 * Reads one message (a line, with or without its CR/CRLF/LF). Bytes are decoded with the
 * terminal's encoding; a string is first encoded with it, so the checksum is always over bytes.
 * Never throws: garbage is `malformed`, a wrong checksum is `checksum`.
 */
export function decode(input: Uint8Array | string, options: DecodeOptions = {}): DecodeResult {
  const encoding = options.encoding ?? 'utf-8';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const bytes = trimLineEnds(typeof input === 'string' ? encodeText(input, encoding) : input);
  if (bytes.length > maxBytes) {
    return { ok: false, error: 'too-long', detail: `${bytes.length} bytes (limit ${maxBytes})` };
  }
  const trailer = readTrailer(bytes);
  const body = decodeText(bytes.subarray(0, trailer.bodyEnd), encoding);
  const identifier = /^\d\d/.test(body) ? body.slice(0, 2) : undefined;
  const sequence = trailer.sequence === undefined ? {} : { sequence: trailer.sequence };
  const context = {
    ...(identifier === undefined ? {} : { commandIdentifier: identifier }),
    ...sequence,
  };
  if (trailer.checksum !== undefined) {
    const expected = checksum(bytes.subarray(0, bytes.length - 4));
    if (trailer.checksum.toUpperCase() !== expected) {
      const detail = `checksum ${trailer.checksum}, expected ${expected}`;
      return { ok: false, error: 'checksum', detail, ...context };
    }
  }
  try {
    const message = parseBody(body);
    return { ok: true, message, errorDetection: trailer.checksum !== undefined, ...sequence };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: 'malformed', detail, ...context };
  }
}

function trimLineEnds(bytes: Uint8Array): Uint8Array {
  let start = 0;
  let end = bytes.length;
  while (start < end && (bytes[start] === CR || bytes[start] === LF)) start++;
  while (end > start && (bytes[end - 1] === CR || bytes[end - 1] === LF)) end--;
  return bytes.subarray(start, end);
}

interface Trailer {
  bodyEnd: number;
  checksum?: string;
  sequence?: number;
}

/** Finds `[AY<digit>]AZ<4 hex>` at the very end of the message. */
function readTrailer(bytes: Uint8Array): Trailer {
  const tailStart = Math.max(0, bytes.length - 9);
  const tail = String.fromCharCode(...bytes.subarray(tailStart));
  const match = /(?:AY(\d))?AZ([0-9A-Fa-f]{4})$/.exec(tail);
  if (!match) return { bodyEnd: bytes.length };
  const [, sequence, sum] = match;
  return {
    bodyEnd: tailStart + match.index,
    ...(sum === undefined ? {} : { checksum: sum }),
    ...(sequence === undefined ? {} : { sequence: Number(sequence) }),
  };
}

function parseBody(body: string): Sip2Message {
  const identifier = body.slice(0, 2);
  if (!/^\d\d$/.test(identifier)) {
    throw new MalformedField(`no command identifier at the start of ${JSON.stringify(body)}`);
  }
  if (!isMessageCode(identifier)) return parseUnsupported(identifier, body.slice(2));
  const layout = layoutOf(identifier);
  const message: Record<string, unknown> = { code: identifier };
  let position = 2;
  for (const [key, codec] of layout.fixed) {
    const slice = body.slice(position, position + codec.length);
    if (slice.length < codec.length) {
      throw new MalformedField(`message ${identifier} ends inside its fixed field ${key}`);
    }
    message[key] = codec.parse(slice);
    position += codec.length;
  }
  const fields = parseFields(body.slice(position));
  for (const [id, key, codec] of layout.fields) {
    const value = codec.parse(
      fields.filter((field) => field.id === id).map((field) => field.value),
    );
    if (value !== undefined) message[key] = value;
  }
  const known = new Set(layout.fields.map(([id]) => id));
  const otherFields = fields.filter((field) => !known.has(field.id));
  if (otherFields.length > 0) message.otherFields = otherFields;
  return message as unknown as SupportedSip2Message;
}

function parseUnsupported(commandIdentifier: string, rest: string): UnsupportedMessage {
  const length = OTHER_FIXED_LENGTHS[commandIdentifier];
  if (length === undefined || rest.length < length) {
    return { code: 'unsupported', commandIdentifier, fixed: rest, fields: [] };
  }
  const fields = parseFields(rest.slice(length));
  return { code: 'unsupported', commandIdentifier, fixed: rest.slice(0, length), fields };
}

/** `XXvalue|XXvalue|…`; tolerates a missing final `|` and blank segments. */
function parseFields(text: string): Sip2Field[] {
  const fields: Sip2Field[] = [];
  for (const segment of text.split('|')) {
    if (segment.trim() === '') continue;
    if (segment.length < 2)
      throw new MalformedField(`bad variable field ${JSON.stringify(segment)}`);
    fields.push({ id: segment.slice(0, 2), value: segment.slice(2) });
  }
  return fields;
}

// ---------------------------------------------------------------------------------------------
// Layout access without the per-message types

interface ErasedLayout {
  name: string;
  fixed: readonly (readonly [string, FixedCodec<unknown>])[];
  fields: readonly (readonly [string, string, FieldCodec<unknown>])[];
}

function layoutOf(code: MessageCode): ErasedLayout {
  return LAYOUTS[code] as ErasedLayout;
}

function asRecord(message: object): Readonly<Record<string, unknown>> {
  return message as Readonly<Record<string, unknown>>;
}

// ---------------------------------------------------------------------------------------------
// Builders

const BUILD_DEFAULTS = {
  language: () => '000',
  uidAlgorithm: () => '0',
  pwdAlgorithm: () => '0',
  protocolVersion: () => '2.00',
  nbDueDate: () => BLANK_SIP_DATE,
  returnDate: () => BLANK_SIP_DATE,
  terminalPassword: () => '',
  noBlock: () => false,
  scRenewalPolicy: () => false,
  thirdPartyAllowed: () => false,
  cardRetained: () => false,
  magneticMedia: () => null,
  desensitize: () => null,
  securityMarker: () => '00',
  feeType: () => '01',
  patronStatus: () => patronStatus(),
  summary: () => null,
  holdItemsCount: () => 0,
  overdueItemsCount: () => 0,
  chargedItemsCount: () => 0,
  fineItemsCount: () => 0,
  recallItemsCount: () => 0,
  unavailableHoldsCount: () => 0,
  holdItems: () => [],
  overdueItems: () => [],
  chargedItems: () => [],
  fineItems: () => [],
  recallItems: () => [],
  unavailableHoldItems: () => [],
  renewedItems: () => [],
  unrenewedItems: () => [],
} satisfies Record<string, () => unknown>;

type DefaultedKey = keyof typeof BUILD_DEFAULTS;

/**
 * What a builder needs: every field of the message except `code`, where the fixed and required
 * fields with a usual value may be left out (language `000`, algorithms `0`, version `2.00`, blank "no block" due
 * date, empty terminal password, flags off, magnetic media/desensitize unknown, security marker
 * `00`, fee type `01`, no patron status flags, no summary, counts 0, empty item lists).
 */
export type BuildInput<M> = Omit<M, 'code' | DefaultedKey> &
  Partial<Pick<M, Extract<keyof M, DefaultedKey>>>;

/** A complete message of command `code`, taking `input` and the defaults for what it omits. */
export function build<C extends MessageCode>(
  code: C,
  input: BuildInput<MessageOf<C>>,
): MessageOf<C> {
  const layout = layoutOf(code);
  const source = asRecord(input);
  const message: Record<string, unknown> = { code };
  const entries = [
    ...layout.fixed.map(([key]) => ({ key, required: true })),
    ...layout.fields.map(([, key, codec]) => ({ key, required: codec.required })),
  ];
  for (const { key, required } of entries) {
    const value = source[key] ?? (required ? defaultFor(key) : undefined);
    if (value !== undefined) message[key] = value;
  }
  if (source.otherFields !== undefined) message.otherFields = source.otherFields;
  return message as unknown as MessageOf<C>;
}

function defaultFor(key: string): unknown {
  return Object.hasOwn(BUILD_DEFAULTS, key) ? BUILD_DEFAULTS[key as DefaultedKey]() : undefined;
}

function builder<C extends MessageCode>(code: C) {
  return (input: BuildInput<MessageOf<C>>): MessageOf<C> => build(code, input);
}

export const buildLogin = builder('93');
export const buildLoginResponse = builder('94');
export const buildScStatus = builder('99');
export const buildAcsStatus = builder('98');
export const buildPatronStatusRequest = builder('23');
export const buildPatronStatusResponse = builder('24');
export const buildPatronInformationRequest = builder('63');
export const buildPatronInformationResponse = builder('64');
export const buildCheckout = builder('11');
export const buildCheckoutResponse = builder('12');
export const buildCheckin = builder('09');
export const buildCheckinResponse = builder('10');
export const buildItemInformation = builder('17');
export const buildItemInformationResponse = builder('18');
export const buildRenew = builder('29');
export const buildRenewResponse = builder('30');
export const buildRenewAll = builder('65');
export const buildRenewAllResponse = builder('66');
export const buildBlockPatron = builder('01');
export const buildPatronEnable = builder('25');
export const buildPatronEnableResponse = builder('26');
export const buildEndPatronSession = builder('35');
export const buildEndSessionResponse = builder('36');
export const buildRequestAcsResend = (): MessageOf<'97'> => build('97', {});
export const buildRequestScResend = (): MessageOf<'96'> => build('96', {});
