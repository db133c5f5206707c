/** A readable view of a decoded message, for people debugging a self-check machine. */
import {
  CirculationStatus,
  FeeType,
  Language,
  MediaType,
  meaningOf,
  SecurityMarker,
} from './codes.js';
import {
  DEFAULT_TIME_ZONE,
  PATRON_STATUS_FLAGS,
  type PatronStatus,
  parseSipDateTime,
  SUPPORTED_MESSAGES,
  type SupportedMessages,
} from './fields.js';
import { LAYOUTS, OTHER_COMMAND_NAMES, type Sip2Message } from './messages.js';

export interface DescribedField {
  label: string;
  value: string;
}

export interface DescribedMessage {
  title: string;
  fields: DescribedField[];
}

const DATE_KEYS = new Set(['transactionDate', 'nbDueDate', 'returnDate', 'dateTimeSync']);
const CODE_TABLES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  language: Language,
  circulationStatus: CirculationStatus,
  securityMarker: SecurityMarker,
  feeType: FeeType,
  mediaType: MediaType,
};

export function describeMessage(
  message: Sip2Message,
  timeZone = DEFAULT_TIME_ZONE,
): DescribedMessage {
  if (message.code === 'unsupported') return describeUnsupported(message);
  const layout = LAYOUTS[message.code];
  const values = message as object as Readonly<Record<string, unknown>>;
  const fixed = layout.fixed.map(([key]) => ({
    label: words(String(key)),
    value: describeValue(String(key), values[String(key)], timeZone),
  }));
  const variable = layout.fields.flatMap(([id, key]) =>
    describeField(`${words(String(key))} (${id})`, String(key), values[String(key)], timeZone),
  );
  const others = (message.otherFields ?? []).map(({ id, value }) => ({ label: id, value }));
  return { title: `${message.code} ${layout.name}`, fields: [...fixed, ...variable, ...others] };
}

function describeUnsupported(message: Extract<Sip2Message, { code: 'unsupported' }>) {
  const name = OTHER_COMMAND_NAMES[message.commandIdentifier] ?? 'unknown command';
  return {
    title: `${message.commandIdentifier} ${name} (not handled by this codec)`,
    fields: [
      { label: 'fixed fields', value: JSON.stringify(message.fixed) },
      ...message.fields.map(({ id, value }) => ({ label: id, value })),
    ],
  };
}

function describeField(label: string, key: string, value: unknown, timeZone: string) {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map((item) => ({ label, value: String(item) }));
  return [{ label, value: describeValue(key, value, timeZone) }];
}

function describeValue(key: string, value: unknown, timeZone: string): string {
  if (value === null) return 'unknown';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return describeText(key, value, timeZone);
  if (key === 'patronStatus') return describeFlags(PATRON_STATUS_FLAGS, value as PatronStatus);
  if (key === 'supportedMessages') {
    return describeFlags(SUPPORTED_MESSAGES, value as SupportedMessages);
  }
  return JSON.stringify(value);
}

function describeText(key: string, value: string, timeZone: string): string {
  if (DATE_KEYS.has(key)) return describeDate(value, timeZone);
  const table = CODE_TABLES[key];
  const meaning = table ? meaningOf(table, value) : undefined;
  return meaning ? `${value} (${words(meaning)})` : value;
}

function describeDate(value: string, timeZone: string): string {
  if (value.trim() === '') return '(none)';
  const instant = parseSipDateTime(value, timeZone);
  if (!instant) return JSON.stringify(value);
  const utc = value.slice(8, 12).endsWith('Z');
  const local = value.replace(
    /^(\d{4})(\d{2})(\d{2}).{4}(\d{2})(\d{2})(\d{2})$/,
    '$1-$2-$3 $4:$5:$6',
  );
  return utc ? `${local} UTC` : `${local} (${timeZone})`;
}

function describeFlags<K extends string>(keys: readonly K[], flags: Record<K, boolean>): string {
  const set = keys.filter((key) => flags[key]).map(words);
  return set.length === 0 ? 'none' : set.join(', ');
}

/** `chargePrivilegesDenied` → `charge privileges denied`. */
function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
