import { Temporal } from 'temporal-polyfill';
import { BUSINESS_TIME_ZONE } from '../platform/clock.js';
import { wallClockTime } from '../platform/dates.js';

/** Thrown by `encode` when a message holds a value SIP2 cannot carry (a programming error). */
export class Sip2EncodeError extends Error {
  override name = 'Sip2EncodeError';
}

/** Thrown inside the decoder for a field it cannot read; `decode` turns it into a result. */
export class MalformedField extends Error {
  override name = 'MalformedField';
}

/** A fixed-length field: read from its exact position, written at its exact length. */
export interface FixedCodec<V> {
  readonly length: number;
  parse(text: string): V;
  format(value: V): string;
}

/** A variable field `XXvalue|`: reads every occurrence of its id, writes zero or more. */
export interface FieldCodec<V> {
  /** Always written (possibly empty); an optional field is written only when set. */
  readonly required: boolean;
  parse(values: readonly string[]): V | undefined;
  format(value: V): string[];
}

/** A variable field as it appeared on the wire. */
export interface Sip2Field {
  id: string;
  value: string;
}

const NEWLINES = /[\r\n]/g;
const FIELD_BREAKERS = /[|\r\n]/g;

/** SIP2 has no escapes: a `|`, CR or LF inside a variable field is written as a space. */
export function sanitizeFieldValue(value: string): string {
  return value.replace(FIELD_BREAKERS, ' ');
}

// ---------------------------------------------------------------------------------------------
// Fixed-length fields

/** `Y`/`N`; anything but `Y` (or `y`) reads as no. */
export const yesNo: FixedCodec<boolean> = {
  length: 1,
  parse: (text) => text === 'Y' || text === 'y',
  format: (value) => (value ? 'Y' : 'N'),
};

/** `1`/`0` (the `ok` field of responses); anything but `1` reads as not ok. */
export const okFlag: FixedCodec<boolean> = {
  length: 1,
  parse: (text) => text === '1',
  format: (value) => (value ? '1' : '0'),
};

/** `Y`/`N`/`U` (magnetic media, desensitize): `null` means unknown. */
export const yesNoUnknown: FixedCodec<boolean | null> = {
  length: 1,
  parse: (text) =>
    text === 'Y' || text === 'y' ? true : text === 'N' || text === 'n' ? false : null,
  format: (value) => (value === null ? 'U' : value ? 'Y' : 'N'),
};

/** Exactly `length` characters, kept as they are (language, circulation status, version…). */
export function chars(length: number): FixedCodec<string> {
  return {
    length,
    parse: (text) => text,
    format: (value) => {
      if (value.length !== length) {
        throw new Sip2EncodeError(`expected ${length} characters, got ${JSON.stringify(value)}`);
      }
      return value.replace(NEWLINES, ' ');
    },
  };
}

/** A zero-padded count of `length` digits; blanks read as 0 (some machines pad with spaces). */
export function count(length: number): FixedCodec<number> {
  const max = 10 ** length - 1;
  return {
    length,
    parse: (text) => parseDigits(text.trim() || '0'),
    format: (value) => {
      if (!Number.isInteger(value) || value < 0 || value > max) {
        throw new Sip2EncodeError(`expected a whole number from 0 to ${max}, got ${value}`);
      }
      return String(value).padStart(length, '0');
    },
  };
}

/** A date `YYYYMMDDZZZZHHMMSS` (or 18 blanks), kept as text; see `formatSipDateTime`. */
export const sipDate: FixedCodec<string> = chars(18);

function parseDigits(text: string): number {
  if (!/^\d+$/.test(text)) throw new MalformedField(`not a number: ${JSON.stringify(text)}`);
  return Number(text);
}

// ---------------------------------------------------------------------------------------------
// Variable fields

/** A required field: always written (possibly empty), read as '' when missing. */
export const text: FieldCodec<string> = {
  required: true,
  parse: (values) => values[0] ?? '',
  format: (value) => [value],
};

/** An optional field: written only when set. */
export const optionalText: FieldCodec<string> = {
  required: false,
  parse: (values) => values[0],
  format: (value) => [value],
};

/** A repeatable field (item lists): one `XXvalue|` per entry. */
export const list: FieldCodec<string[]> = {
  required: true,
  parse: (values) => [...values],
  format: (value) => [...value],
};

/** An optional `Y`/`N` field. */
export const optionalYesNo: FieldCodec<boolean> = {
  required: false,
  parse: (values) => (values[0] === undefined ? undefined : values[0] === 'Y' || values[0] === 'y'),
  format: (value) => [value ? 'Y' : 'N'],
};

/** An optional whole number; `width` zero-pads it (the 4-digit limits of message 64). */
export function optionalNumber(width = 0): FieldCodec<number> {
  return {
    required: false,
    parse: (values) => {
      const value = values[0]?.trim();
      return value ? parseDigits(value) : undefined;
    },
    format: (value) => {
      if (!Number.isInteger(value) || value < 0) {
        throw new Sip2EncodeError(`expected a whole number, got ${value}`);
      }
      return [String(value).padStart(width, '0')];
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Flag sets: patron status (14) and supported messages (BX, 16)

function flagSet<K extends string>(keys: readonly K[], on: string, off: string) {
  const empty = (): Record<K, boolean> =>
    Object.fromEntries(keys.map((key) => [key, false])) as Record<K, boolean>;
  return {
    of: (flags: Partial<Record<K, boolean>> = {}): Record<K, boolean> => ({ ...empty(), ...flags }),
    format: (flags: Record<K, boolean>): string =>
      keys.map((key) => (flags[key] ? on : off)).join(''),
    parse: (value: string): Record<K, boolean> => {
      const flags = empty();
      keys.forEach((key, index) => {
        flags[key] = value[index] === 'Y' || value[index] === 'y';
      });
      return flags;
    },
  };
}

/** The 14 positions of the patron status field, in the order of the 3M specification. */
export const PATRON_STATUS_FLAGS = [
  'chargePrivilegesDenied',
  'renewalPrivilegesDenied',
  'recallPrivilegesDenied',
  'holdPrivilegesDenied',
  'cardReportedLost',
  'tooManyItemsCharged',
  'tooManyItemsOverdue',
  'tooManyRenewals',
  'tooManyClaimsOfItemsReturned',
  'tooManyItemsLost',
  'excessiveOutstandingFines',
  'excessiveOutstandingFees',
  'recallOverdue',
  'tooManyItemsBilled',
] as const;

export type PatronStatusFlag = (typeof PATRON_STATUS_FLAGS)[number];
/** The patron status field: `true` where the ACS writes `Y`, `false` for a space. */
export type PatronStatus = Record<PatronStatusFlag, boolean>;

const patronStatusFlags = flagSet(PATRON_STATUS_FLAGS, 'Y', ' ');

/** A patron status with the given flags set and every other flag clear. */
export function patronStatus(flags: Partial<PatronStatus> = {}): PatronStatus {
  return patronStatusFlags.of(flags);
}

/** The 14-character field: `Y` for each flag set, a space otherwise. */
export function formatPatronStatus(status: PatronStatus): string {
  return patronStatusFlags.format(status);
}

/** Reads the 14-character field; `Y` (or `y`) is set, anything else is clear. */
export function parsePatronStatus(value: string): PatronStatus {
  return patronStatusFlags.parse(value);
}

export const patronStatusField: FixedCodec<PatronStatus> = {
  length: 14,
  parse: parsePatronStatus,
  format: formatPatronStatus,
};

/** The 16 positions of the supported messages field (BX) of message 98, in spec order. */
export const SUPPORTED_MESSAGES = [
  'patronStatusRequest',
  'checkout',
  'checkin',
  'blockPatron',
  'scAcsStatus',
  'requestScAcsResend',
  'login',
  'patronInformation',
  'endPatronSession',
  'feePaid',
  'itemInformation',
  'itemStatusUpdate',
  'patronEnable',
  'hold',
  'renew',
  'renewAll',
] as const;

export type SupportedMessage = (typeof SUPPORTED_MESSAGES)[number];
export type SupportedMessages = Record<SupportedMessage, boolean>;

const supportedMessageFlags = flagSet(SUPPORTED_MESSAGES, 'Y', 'N');

export function supportedMessages(flags: Partial<SupportedMessages> = {}): SupportedMessages {
  return supportedMessageFlags.of(flags);
}

export function formatSupportedMessages(flags: SupportedMessages): string {
  return supportedMessageFlags.format(flags);
}

export function parseSupportedMessages(value: string): SupportedMessages {
  return supportedMessageFlags.parse(value);
}

export const supportedMessagesField: FieldCodec<SupportedMessages> = {
  required: true,
  parse: (values) => parseSupportedMessages(values[0] ?? ''),
  format: (value) => [formatSupportedMessages(value)],
};

// ---------------------------------------------------------------------------------------------
// Summary (message 63): which item list the terminal asks for

export const SUMMARY_ITEMS = [
  'hold',
  'overdue',
  'charged',
  'fine',
  'recall',
  'unavailableHolds',
] as const;

/** The item list asked for in message 63, or `null` for none. */
export type PatronSummary = (typeof SUMMARY_ITEMS)[number] | null;

export const summaryField: FixedCodec<PatronSummary> = {
  length: 10,
  parse: (value) => {
    const index = [...value].findIndex((flag) => flag === 'Y' || flag === 'y');
    return SUMMARY_ITEMS[index] ?? null;
  },
  format: (summary) => {
    const index = summary === null ? -1 : SUMMARY_ITEMS.indexOf(summary);
    return Array.from({ length: 10 }, (_, position) => (position === index ? 'Y' : ' ')).join('');
  },
};

// ---------------------------------------------------------------------------------------------
// SC status code (message 99)

export type ScStatusCode = 'ok' | 'outOfPaper' | 'shuttingDown';
const SC_STATUS_CODES: readonly ScStatusCode[] = ['ok', 'outOfPaper', 'shuttingDown'];

export const scStatusField: FixedCodec<ScStatusCode> = {
  length: 1,
  parse: (value) => {
    const status = SC_STATUS_CODES[Number(value)];
    if (!/^\d$/.test(value) || !status) {
      throw new MalformedField(`unknown SC status ${JSON.stringify(value)}`);
    }
    return status;
  },
  format: (status) => String(SC_STATUS_CODES.indexOf(status)),
};

// ---------------------------------------------------------------------------------------------
// Dates: YYYYMMDDZZZZHHMMSS

/** 18 blanks: "no date" in a fixed date field (e.g. no "no block" due date). */
export const BLANK_SIP_DATE = ' '.repeat(18);
/** The machines' local time unless told otherwise: the network's business time zone. */
export const DEFAULT_TIME_ZONE = BUSINESS_TIME_ZONE;

/**
 * Writes an instant as SIP2 local time in `timeZone` (blank ZZZZ), or in universal time
 * (ZZZZ = `   Z`) when `timeZone` is `'UTC'`.
 */
export function formatSipDateTime(instant: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const time = wallClockTime(instant, timeZone);
  const date = `${time.year.padStart(4, '0')}${time.month}${time.day}`;
  return `${date}${timeZone === 'UTC' ? '   Z' : '    '}${time.hour}${time.minute}${time.second}`;
}

/**
 * Reads a SIP2 date: `Z` at the end of ZZZZ means universal time; otherwise the time is local
 * to `timeZone`. Returns `undefined` for blanks or anything that is not a real date.
 */
export function parseSipDateTime(value: string, timeZone = DEFAULT_TIME_ZONE): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(.{4})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, zone, hour, minute, second] = match;
  try {
    const local = Temporal.PlainDateTime.from(
      {
        year: Number(year),
        month: Number(month),
        day: Number(day),
        hour: Number(hour),
        minute: Number(minute),
        second: Number(second),
      },
      { overflow: 'reject' },
    );
    const zoneId = zone?.endsWith('Z') ? 'UTC' : timeZone;
    return new Date(local.toZonedDateTime(zoneId).epochMilliseconds);
  } catch {
    return undefined;
  }
}
