import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLANK_SIP_DATE,
  build,
  buildAcsStatus,
  buildCheckout,
  buildPatronInformationResponse,
  buildRequestScResend,
  checksum,
  createFrameReader,
  DEFAULT_MAX_MESSAGE_BYTES,
  decode,
  encode,
  encodeLine,
  encodeText,
  type FieldCodec,
  type FixedCodec,
  formatMessage,
  formatPatronStatus,
  formatSipDateTime,
  LAYOUTS,
  list,
  type MessageCode,
  okFlag,
  optionalText,
  optionalYesNo,
  PATRON_STATUS_FLAGS,
  type PatronStatus,
  parsePatronStatus,
  parseSipDateTime,
  patronStatus,
  patronStatusField,
  Sip2EncodeError,
  type Sip2Encoding,
  type Sip2Field,
  type Sip2Message,
  SUMMARY_ITEMS,
  SUPPORTED_MESSAGES,
  scStatusField,
  sipDate,
  summaryField,
  supportedMessages,
  supportedMessagesField,
  text,
  yesNo,
  yesNoUnknown,
} from './codec.js';
import { describeMessage } from './describe.js';

const ascii = (value: string) => new TextEncoder().encode(value);
const asText = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const CODES = Object.keys(LAYOUTS) as MessageCode[];

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** The 2,350 Hangul syllables of KS X 1001, the ones EUC-KR can carry. */
const KS_X_1001_HANGUL = (() => {
  const bytes: number[] = [];
  for (let lead = 0xb0; lead <= 0xc8; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) bytes.push(lead, trail);
  }
  return [...new TextDecoder('euc-kr').decode(Uint8Array.from(bytes))];
})();

const ASCII_UNITS = [...'abcdefxyzABCXYZ0123456789 -_.,:;/()#@'];
const eucKrText = fc.string({
  unit: fc.oneof(fc.constantFrom(...ASCII_UNITS), fc.constantFrom(...KS_X_1001_HANGUL)),
  maxLength: 12,
});
/** Any text a variable field can carry in UTF-8: no `|`, CR or LF. */
const utf8Text = fc.oneof(
  eucKrText,
  fc.string({ unit: 'grapheme', maxLength: 12 }).map((value) => value.replace(/[|\r\n]/g, '')),
);
const fixedChars = (length: number) =>
  fc.string({
    unit: fc.constantFrom(...ASCII_UNITS, '가', '한'),
    minLength: length,
    maxLength: length,
  });
const sipDateArb = fc.oneof(
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true })
    .map((date) => formatSipDateTime(date)),
  fc.constant(BLANK_SIP_DATE),
);
const flagsArb = <K extends string>(keys: readonly K[]) =>
  fc
    .tuple(...keys.map(() => fc.boolean()))
    .map(
      (values) => Object.fromEntries(keys.map((key, i) => [key, values[i]])) as Record<K, boolean>,
    );
const COUNT_KEYS = ['maxPrintWidth', 'timeoutPeriod', 'retriesAllowed'];

function fixedArbitrary(key: string, codec: FixedCodec<unknown>): fc.Arbitrary<unknown> {
  if (codec === yesNo || codec === okFlag) return fc.boolean();
  if (codec === yesNoUnknown) return fc.constantFrom(true, false, null);
  if (codec === patronStatusField) return flagsArb(PATRON_STATUS_FLAGS);
  if (codec === summaryField) return fc.constantFrom(null, ...SUMMARY_ITEMS);
  if (codec === scStatusField) return fc.constantFrom('ok', 'outOfPaper', 'shuttingDown');
  if (codec === sipDate) return sipDateArb;
  if (key.endsWith('Count') || COUNT_KEYS.includes(key)) {
    return fc.nat(10 ** codec.length - 1);
  }
  return fixedChars(codec.length);
}

function fieldArbitrary(codec: FieldCodec<unknown>, textArb: fc.Arbitrary<string>) {
  const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  if (codec === text) return textArb;
  if (codec === optionalText) return optional(textArb);
  if (codec === list) return fc.array(textArb, { maxLength: 3 });
  if (codec === optionalYesNo) return optional(fc.boolean());
  if (codec === supportedMessagesField) return flagsArb(SUPPORTED_MESSAGES);
  return optional(fc.nat(9999)); // the numeric fields
}

const fieldId = fc
  .tuple(
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
  )
  .map(([a, b]) => a + b);

function messageArbitrary(code: MessageCode, textArb = utf8Text): fc.Arbitrary<Sip2Message> {
  const layout = LAYOUTS[code] as unknown as {
    fixed: [string, FixedCodec<unknown>][];
    fields: [string, string, FieldCodec<unknown>][];
  };
  const known = layout.fields.map(([id]) => id);
  const otherField = fc.record({ id: fieldId.filter((id) => !known.includes(id)), value: textArb });
  const shape: Record<string, fc.Arbitrary<unknown>> = {
    otherFields: fc.option(fc.array(otherField, { minLength: 1, maxLength: 2 }), {
      nil: undefined,
    }),
  };
  for (const [key, codec] of layout.fixed) shape[key] = fixedArbitrary(key, codec);
  for (const [, key, codec] of layout.fields) shape[key] = fieldArbitrary(codec, textArb);
  return fc.record(shape).map((fields) => ({ code, ...fields }) as unknown as Sip2Message);
}

const encodeOptionsArb = fc.record({
  errorDetection: fc.boolean(),
  sequence: fc.integer({ min: 0, max: 9 }),
});

/** Removes `undefined` properties, as the decoder never writes them. */
function withoutUndefined(message: Sip2Message): Sip2Message {
  return JSON.parse(JSON.stringify(message)) as Sip2Message;
}

// ---------------------------------------------------------------------------------------------

describe('encode → decode round trips', () => {
  it.each(CODES.map((code) => [code, LAYOUTS[code].name]))(
    '%s %s, in UTF-8 with Korean text, with and without error detection',
    (code) => {
      fc.assert(
        fc.property(messageArbitrary(code), encodeOptionsArb, (message, options) => {
          const result = decode(encode(message, options));
          expect(result).toMatchObject({ ok: true, errorDetection: options.errorDetection });
          if (!result.ok) return;
          expect(result.message).toEqual(withoutUndefined(message));
          const sequence = options.errorDetection && !['96', '97'].includes(code);
          expect(result.sequence).toBe(sequence ? options.sequence : undefined);
        }),
        { numRuns: 150 },
      );
    },
  );

  it.each(CODES)('%s in EUC-KR', (code) => {
    fc.assert(
      fc.property(messageArbitrary(code, eucKrText), encodeOptionsArb, (message, options) => {
        const bytes = encode(message, { ...options, encoding: 'euc-kr' });
        const result = decode(bytes, { encoding: 'euc-kr' });
        expect(result).toMatchObject({ ok: true, message: withoutUndefined(message) });
      }),
      { numRuns: 60 },
    );
  });

  it('keeps other commands (fee paid, item status update, unknown) as unsupported messages', () => {
    const other = fc.oneof(
      fc.record({
        commandIdentifier: fc.constantFrom('19', '20', '37', '38'),
        fields: fc.array(fc.record({ id: fieldId, value: utf8Text }), { maxLength: 3 }),
      }),
      fc.record({
        commandIdentifier: fc.constantFrom('00', '42', '88'),
        fields: fc.constant<Sip2Field[]>([]),
      }),
    );
    const lengths: Record<string, number> = { 15: 19, 16: 20, 19: 18, 20: 19, 37: 25, 38: 19 };
    const message = other.chain(({ commandIdentifier, fields }) =>
      fixedChars(lengths[commandIdentifier] ?? 5).map(
        (fixed): Sip2Message => ({ code: 'unsupported', commandIdentifier, fixed, fields }),
      ),
    );
    fc.assert(
      fc.property(message, encodeOptionsArb, (original, options) => {
        expect(decode(encode(original, options))).toMatchObject({ ok: true, message: original });
      }),
    );
  });
});

describe('message layouts of SIP2 v2.00', () => {
  const date = '20240315    093000';

  it('writes a checkout (11) with its fixed fields at their positions', () => {
    const checkout = buildCheckout({
      scRenewalPolicy: true,
      transactionDate: date,
      institutionId: 'GN001',
      patronIdentifier: '1234',
      itemIdentifier: 'EM0001',
      patronPassword: '0000',
    });
    expect(formatMessage(checkout)).toBe(
      `11YN${date}${' '.repeat(18)}AOGN001|AA1234|ABEM0001|AC|AD0000|`,
    );
  });

  it('writes an ACS status (98) with the supported messages field', () => {
    const status = buildAcsStatus({
      onlineStatus: true,
      checkinOk: true,
      checkoutOk: true,
      acsRenewalPolicy: false,
      statusUpdateOk: false,
      offlineOk: false,
      timeoutPeriod: 100,
      retriesAllowed: 3,
      dateTimeSync: date,
      institutionId: 'GN001',
      libraryName: '경남대표도서관',
      supportedMessages: supportedMessages({ checkout: true, checkin: true, renewAll: true }),
    });
    expect(formatMessage(status)).toBe(
      `98YYYNNN100003${date}2.00AOGN001|AM경남대표도서관|BXNYYNNNNNNNNNNNNY|`,
    );
  });

  it('reads a patron status response (24) with a Korean name', () => {
    const line = `24    Y         020${date}AOGN001|AA1234|AE홍길동|BLY|CQN|AF반납 기한이 지났습니다|`;
    const result = decode(line);
    expect(result).toEqual({
      ok: true,
      errorDetection: false,
      message: {
        code: '24',
        patronStatus: patronStatus({ cardReportedLost: true }),
        language: '020',
        transactionDate: date,
        institutionId: 'GN001',
        patronIdentifier: '1234',
        personalName: '홍길동',
        validPatron: true,
        validPatronPassword: false,
        screenMessage: '반납 기한이 지났습니다',
      },
    });
  });

  it('reads a patron information response (64) with counts and item lists', () => {
    const counts = '0000000200030000000000000';
    const line = `64${' '.repeat(14)}000${date}${counts.slice(0, 24)}AOGN001|AA1234|AEKim|BZ0005|AUEM1|AUEM2|AUEM3|ATEM2|AT EM3|`;
    const result = decode(line);
    expect(result).toMatchObject({
      ok: true,
      message: {
        code: '64',
        holdItemsCount: 0,
        overdueItemsCount: 2,
        chargedItemsCount: 3,
        fineItemsCount: 0,
        holdItemsLimit: 5,
        chargedItems: ['EM1', 'EM2', 'EM3'],
        overdueItems: ['EM2', ' EM3'],
        holdItems: [],
      },
    });
  });

  it('reads a checkout response (12) with unknown magnetic media and a due date', () => {
    const line = `121NUY${date}AOGN001|AA1234|ABEM1|AJ채식주의자|AH20240329    235959|CK001|`;
    expect(decode(line)).toMatchObject({
      ok: true,
      message: {
        code: '12',
        ok: true,
        renewalOk: false,
        magneticMedia: null,
        desensitize: true,
        titleIdentifier: '채식주의자',
        dueDate: '20240329    235959',
        mediaType: '001',
      },
    });
  });

  it('reads an item information response (18)', () => {
    const line = `18030001${date}CF2|AH20240329    235959|ABEM1|AJ토지|AQGN001|`;
    expect(decode(line)).toMatchObject({
      ok: true,
      message: {
        code: '18',
        circulationStatus: '03',
        securityMarker: '00',
        feeType: '01',
        holdQueueLength: 2,
        itemIdentifier: 'EM1',
        permanentLocation: 'GN001',
      },
    });
  });

  it('reads the 3M example SC status, whose print width is padded with a space', () => {
    expect(decode('990 402.00AY1AZFCB4')).toEqual({
      ok: true,
      errorDetection: true,
      sequence: 1,
      message: { code: '99', statusCode: 'ok', maxPrintWidth: 40, protocolVersion: '2.00' },
    });
  });

  it('keeps unknown variable fields, tolerates a missing final | and reads fields in any order', () => {
    const result = decode(`36Y${date}AA1234|XXvendor|AOGN001`);
    expect(result).toMatchObject({
      ok: true,
      message: {
        endSession: true,
        institutionId: 'GN001',
        patronIdentifier: '1234',
        otherFields: [{ id: 'XX', value: 'vendor' }],
      },
    });
  });

  it('reads hold (15) with its fields', () => {
    expect(decode(`15+${date}AOGN001|AA1234|ABEM1|`)).toMatchObject({
      ok: true,
      message: {
        code: '15',
        holdMode: '+',
        institutionId: 'GN001',
        patronIdentifier: '1234',
        itemIdentifier: 'EM1',
      },
    });
  });

  it('fills builder defaults', () => {
    const response = buildPatronInformationResponse({
      transactionDate: date,
      institutionId: 'GN001',
      patronIdentifier: '1234',
      personalName: 'Kim',
    });
    expect(response).toEqual({
      code: '64',
      patronStatus: patronStatus(),
      language: '000',
      transactionDate: date,
      holdItemsCount: 0,
      overdueItemsCount: 0,
      chargedItemsCount: 0,
      fineItemsCount: 0,
      recallItemsCount: 0,
      unavailableHoldsCount: 0,
      institutionId: 'GN001',
      patronIdentifier: '1234',
      personalName: 'Kim',
      holdItems: [],
      overdueItems: [],
      chargedItems: [],
      fineItems: [],
      recallItems: [],
      unavailableHoldItems: [],
    });
  });

  it('leaves optional fields out unless given, even those with a default elsewhere', () => {
    const response = build('12', {
      ok: true,
      renewalOk: false,
      transactionDate: date,
      institutionId: 'GN001',
      patronIdentifier: '1234',
      itemIdentifier: 'EM1',
      titleIdentifier: '토지',
      dueDate: '20240329    235959',
    });
    expect(response).not.toHaveProperty('feeType');
    expect(formatMessage(response)).toBe(
      `121NUU${date}AOGN001|AA1234|ABEM1|AJ토지|AH20240329    235959|`,
    );
    const item = build('17', {
      transactionDate: date,
      institutionId: 'GN001',
      itemIdentifier: 'EM1',
    });
    expect(formatMessage(item)).toBe(`17${date}AOGN001|ABEM1|`);
  });

  it('writes | CR LF inside a field as spaces, since SIP2 has no escapes', () => {
    const message = build('36', {
      endSession: true,
      transactionDate: date,
      institutionId: 'a|b',
      patronIdentifier: 'c\r\nd',
    });
    expect(formatMessage(message)).toBe(`36Y${date}AOa b|AAc  d|`);
  });

  it('refuses values that do not fit their fixed field', () => {
    const message = build('36', {
      endSession: true,
      transactionDate: '2024',
      institutionId: '',
      patronIdentifier: '',
    });
    expect(() => encode(message)).toThrow(Sip2EncodeError);
    const counts = buildPatronInformationResponse({
      transactionDate: date,
      institutionId: '',
      patronIdentifier: '',
      personalName: '',
      chargedItemsCount: 10_000,
    });
    expect(() => encode(counts)).toThrow(Sip2EncodeError);
    expect(() =>
      encode(buildRequestScResend(), { errorDetection: true, sequence: 10 }),
    ).not.toThrow();
    expect(() => encodeLine('9900302.00', { errorDetection: true, sequence: 10 })).toThrow(
      Sip2EncodeError,
    );
  });
});

describe('error detection', () => {
  it('computes the checksum of the 3M guide example: 990 402.00AY1AZ → FCB4', () => {
    expect(checksum(ascii('990 402.00AY1AZ'))).toBe('FCB4');
    expect(asText(encodeLine('990 402.00', { errorDetection: true, sequence: 1 }))).toBe(
      '990 402.00AY1AZFCB4\r',
    );
  });

  it('sums the encoded bytes, so Korean text counts as its UTF-8 or EUC-KR bytes', () => {
    const line = '36Y20240315    093000AO한|AA1|';
    const utf8 = encodeLine(line, { errorDetection: true, sequence: 2 });
    const eucKr = encodeLine(line, { errorDetection: true, sequence: 2, encoding: 'euc-kr' });
    const expected = (bytes: Uint8Array) => checksum(bytes.subarray(0, bytes.length - 5));
    expect(asText(utf8.subarray(utf8.length - 5, utf8.length - 1))).toBe(expected(utf8));
    expect(eucKr.length).toBe(utf8.length - 1); // 한 is 3 bytes in UTF-8, 2 in EUC-KR
    expect(decode(utf8)).toMatchObject({ ok: true });
    expect(decode(eucKr, { encoding: 'euc-kr' })).toMatchObject({ ok: true });
    expect(decode(eucKr, { encoding: 'utf-8' })).toMatchObject({ ok: true }); // bytes verified
  });

  it('writes 96 and 97 with a checksum but no sequence number', () => {
    const bytes = encode(buildRequestScResend(), { errorDetection: true, sequence: 4 });
    expect(asText(bytes)).toBe(`96AZ${checksum(ascii('96AZ'))}\r`);
    expect(decode('97AZFEF5')).toEqual({ ok: true, errorDetection: true, message: { code: '97' } });
  });

  it('reports a bad checksum distinctly, with the command and sequence', () => {
    expect(decode('990 402.00AY1AZFCB5')).toEqual({
      ok: false,
      error: 'checksum',
      detail: 'checksum FCB5, expected FCB4',
      commandIdentifier: '99',
      sequence: 1,
    });
    expect(decode('990 402.00AY1AZfcb4')).toMatchObject({ ok: true });
  });

  it('detects any change of one byte of the message body', () => {
    fc.assert(
      fc.property(
        messageArbitrary('11'),
        fc.integer({ min: 0, max: 9 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (message, sequence, at, delta) => {
          const bytes = encode(message, { errorDetection: true, sequence });
          const bodyLength = bytes.length - 10; // AYnAZxxxx and CR
          const index = at % bodyLength;
          const changed = bytes.slice();
          changed[index] = ((changed[index] ?? 0) + delta) & 0xff;
          expect(decode(changed)).toMatchObject({ ok: false, error: 'checksum' });
        },
      ),
    );
  });
});

describe('decoding input from the wire', () => {
  const line = '9300CNkiosk|COsecret|CPGN001|';

  it('tolerates CR, CRLF and LF line ends', () => {
    const expected = decode(line);
    expect(expected.ok).toBe(true);
    for (const end of ['\r', '\r\n', '\n', '\n\r']) expect(decode(line + end)).toEqual(expected);
    expect(decode(ascii(`${line}\r\n`))).toEqual(expected);
  });

  it('calls garbage malformed', () => {
    for (const garbage of ['', 'hello', '1', '11', '11YN2024', `24${' '.repeat(30)}|X|`]) {
      expect(decode(garbage)).toMatchObject({ ok: false, error: 'malformed' });
    }
    expect(decode('995')).toMatchObject({ ok: false, error: 'malformed', commandIdentifier: '99' });
    expect(decode(`64${' '.repeat(35)}00x1`)).toMatchObject({ ok: false, error: 'malformed' });
  });

  it('refuses a message longer than the limit', () => {
    const long = `${line}AFx${'x'.repeat(DEFAULT_MAX_MESSAGE_BYTES)}|`;
    expect(decode(long)).toMatchObject({ ok: false, error: 'too-long' });
    expect(decode(line, { maxBytes: 10 })).toMatchObject({ ok: false, error: 'too-long' });
  });

  it('never throws on arbitrary bytes or text', () => {
    const encodings = fc.constantFrom<Sip2Encoding>('utf-8', 'euc-kr');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), encodings, (bytes, encoding) => {
        expect(typeof decode(bytes, { encoding }).ok).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (value) => {
        expect(typeof decode(value).ok).toBe('boolean');
      }),
    );
  });

  it('never throws on truncated or spliced messages', () => {
    const message = fc.constantFrom(...CODES).chain((code) => messageArbitrary(code));
    fc.assert(
      fc.property(message, encodeOptionsArb, fc.nat(), fc.string(), (m, options, cut, junk) => {
        const full = asText(encode(m, options));
        const at = cut % (full.length + 1);
        expect(typeof decode(full.slice(0, at)).ok).toBe('boolean');
        expect(typeof decode(full.slice(0, at) + junk + full.slice(at)).ok).toBe('boolean');
      }),
    );
  });
});

describe('text encodings', () => {
  it('writes Korean in EUC-KR bytes', () => {
    expect([...encodeText('한글 A', 'euc-kr')]).toEqual([0xc7, 0xd1, 0xb1, 0xdb, 0x20, 0x41]);
    expect([...encodeText('한', 'utf-8')]).toEqual([0xed, 0x95, 0x9c]);
  });

  it('writes characters EUC-KR lacks as ?', () => {
    expect(asText(encodeText('똠😀', 'euc-kr'))).toBe('??');
  });
});

describe('patron status field', () => {
  it('writes Y for each flag and a space otherwise, in the order of the specification', () => {
    expect(formatPatronStatus(patronStatus({ cardReportedLost: true }))).toBe('    Y         ');
    expect(
      formatPatronStatus(patronStatus({ chargePrivilegesDenied: true, tooManyItemsBilled: true })),
    ).toBe(`Y${' '.repeat(12)}Y`);
  });

  it('round-trips every combination', () => {
    fc.assert(
      fc.property(flagsArb(PATRON_STATUS_FLAGS), (flags: PatronStatus) => {
        const field = formatPatronStatus(flags);
        expect(field).toHaveLength(14);
        expect(parsePatronStatus(field)).toEqual(flags);
      }),
    );
  });

  it('reads N and lower-case y as written by other systems', () => {
    expect(parsePatronStatus('NNNNyNNNNNNNNN')).toEqual(patronStatus({ cardReportedLost: true }));
  });
});

describe('SIP2 dates', () => {
  it('writes local time in Asia/Seoul with a blank zone, or UTC with Z', () => {
    const instant = new Date('2024-03-15T00:30:05Z');
    expect(formatSipDateTime(instant)).toBe('20240315    093005');
    expect(formatSipDateTime(instant, 'UTC')).toBe('20240315   Z003005');
  });

  it('reads them back', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.constantFrom('Asia/Seoul', 'UTC'),
        (date, zone) => {
          const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
          expect(parseSipDateTime(formatSipDateTime(whole, zone))).toEqual(whole);
        },
      ),
    );
    expect(parseSipDateTime(BLANK_SIP_DATE)).toBeUndefined();
    expect(parseSipDateTime('20241315    093005')).toBeUndefined();
  });
});

describe('framing', () => {
  const frameText = (bytes: Uint8Array) => asText(bytes);

  it('splits a stream cut anywhere into its messages, whatever the line ends', () => {
    const messages = fc.array(
      fc.tuple(
        fc.constantFrom(...CODES).chain((code) => messageArbitrary(code)),
        fc.constantFrom('\r', '\r\n', '\n'),
      ),
      { minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(messages, fc.array(fc.nat(), { maxLength: 10 }), (lines, cuts) => {
        const texts = lines.map(([message]) => asText(encode(message)).replace('\r', ''));
        const stream = ascii(lines.map(([, end], i) => texts[i] + end).join(''));
        const points = [...new Set(cuts.map((cut) => cut % (stream.length + 1)))].sort(
          (a, b) => a - b,
        );
        const reader = createFrameReader();
        const frames = [0, ...points, stream.length]
          .slice(1)
          .flatMap((end, i, ends) => reader.push(stream.subarray(i === 0 ? 0 : ends[i - 1], end)));
        expect(frames.map((frame) => (frame.ok ? frameText(frame.bytes) : frame.error))).toEqual(
          texts,
        );
        expect(reader.buffered).toBe(0);
      }),
    );
  });

  it('keeps an unfinished message until its end arrives', () => {
    const reader = createFrameReader();
    expect(reader.push(ascii('9900'))).toEqual([]);
    expect(reader.buffered).toBe(4);
    const frames = reader.push(ascii('302.00\r99'));
    expect(frames.map((frame) => frame.ok && frameText(frame.bytes))).toEqual(['9900302.00']);
    expect(reader.buffered).toBe(2);
  });

  it('reports a line longer than the limit once, early, then reads the next message', () => {
    const reader = createFrameReader(16);
    expect(reader.push(ascii('x'.repeat(16)))).toEqual([]);
    expect(reader.push(ascii('x'))).toEqual([{ ok: false, error: 'too-long' }]);
    expect(reader.push(ascii('x'.repeat(100)))).toEqual([]);
    expect(reader.buffered).toBe(0);
    const frames = reader.push(ascii('xx\r9900302.00\r'));
    expect(frames.map((frame) => frame.ok && frameText(frame.bytes))).toEqual(['9900302.00']);
    expect(createFrameReader(16).push(ascii(`${'y'.repeat(17)}\r`))).toEqual([
      { ok: false, error: 'too-long' },
    ]);
    expect(createFrameReader(16).push(ascii(`${'y'.repeat(16)}\r`))).toHaveLength(1);
  });
});

describe('describeMessage', () => {
  it('names fields, flags and codes for people', () => {
    const line = `24    Y         020${'20240315    093000'}AOGN001|AA1234|AE홍길동|`;
    const result = decode(line);
    if (!result.ok) throw new Error(result.detail);
    const { title, fields } = describeMessage(result.message);
    expect(title).toBe('24 Patron Status Response');
    expect(fields).toContainEqual({ label: 'patron status', value: 'card reported lost' });
    expect(fields).toContainEqual({ label: 'language', value: '020 (korean)' });
    expect(fields).toContainEqual({
      label: 'transaction date',
      value: '2024-03-15 09:30:00 (Asia/Seoul)',
    });
    expect(fields).toContainEqual({ label: 'personal name (AE)', value: '홍길동' });
  });
});
