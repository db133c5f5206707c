import iconv from 'iconv-lite';

/**
 * MARC files made in the tests, the way a library system writes them: ISO 2709 (leader,
 * directory of 12-byte entries, fields ending in 0x1E, records in 0x1D; lengths in BYTES of the
 * chosen character set) and MARCXML.
 */

/** `['001', 'KMO1']` (a control field) or `['245', '10', 'a', '바다 :', 'b', '장편소설']`. */
export type TestField = readonly string[];

export interface TestRecord {
  /** Leader/09: 'a' says UTF-8; ' ' (default) is what KORMARC files in EUC-KR carry. */
  leader09?: 'a' | ' ';
  fields: readonly TestField[];
}

function isControl(tag: string): boolean {
  return /^00\d$/.test(tag);
}

function fieldText(field: TestField): string {
  const [tag = '', first = '', ...rest] = field;
  if (isControl(tag)) return first;
  let text = first.padEnd(2, ' ');
  for (let i = 0; i < rest.length; i += 2) text += `\x1f${rest[i]}${rest[i + 1] ?? ''}`;
  return text;
}

function encode(text: string, encoding: 'utf-8' | 'euc-kr'): Buffer {
  return encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'cp949');
}

/** One ISO 2709 record. */
export function isoRecord(record: TestRecord, encoding: 'utf-8' | 'euc-kr' = 'utf-8'): Buffer {
  const data = record.fields.map((field) => encode(`${fieldText(field)}\x1e`, encoding));
  let offset = 0;
  const directory = record.fields
    .map((field, index) => {
      const entry = `${field[0]}${String(data[index]!.length).padStart(4, '0')}${String(offset).padStart(5, '0')}`;
      offset += data[index]!.length;
      return entry;
    })
    .join('');
  const base = 24 + directory.length + 1;
  const length = base + offset + 1;
  const leader = `${String(length).padStart(5, '0')}nam ${record.leader09 ?? ' '}22${String(base).padStart(5, '0')} c 4500`;
  return Buffer.concat([
    Buffer.from(`${leader}${directory}\x1e`, 'latin1'),
    ...data,
    Buffer.from([0x1d]),
  ]);
}

/** An ISO 2709 file: the records one after the other. */
export function isoFile(
  records: readonly TestRecord[],
  encoding: 'utf-8' | 'euc-kr' = 'utf-8',
): Buffer {
  return Buffer.concat(records.map((record) => isoRecord(record, encoding)));
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');
}

/** A MARCXML collection, each element with the `marc:` prefix when `prefix` is given. */
export function marcXml(records: readonly TestRecord[], prefix = ''): Buffer {
  const p = prefix ? `${prefix}:` : '';
  const ns = prefix ? `xmlns:${prefix}` : 'xmlns';
  const body = records.map((record) => {
    const fields = record.fields.map((field) => {
      const [tag = '', first = '', ...rest] = field;
      if (isControl(tag))
        return `<${p}controlfield tag="${tag}">${escapeXml(first)}</${p}controlfield>`;
      const subfields = [];
      for (let i = 0; i < rest.length; i += 2) {
        subfields.push(
          `<${p}subfield code="${rest[i]}">${escapeXml(rest[i + 1] ?? '')}</${p}subfield>`,
        );
      }
      const [ind1 = ' ', ind2 = ' '] = first.padEnd(2, ' ');
      return `<${p}datafield tag="${tag}" ind1="${ind1}" ind2="${ind2}">${subfields.join('')}</${p}datafield>`;
    });
    return `<${p}record><${p}leader>00000nam a2200000 c 4500</${p}leader>${fields.join('')}</${p}record>`;
  });
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<${p}collection ${ns}="http://www.loc.gov/MARC21/slim">\n${body.join('\n')}\n</${p}collection>\n`,
    'utf8',
  );
}

/** A KORMARC monograph record as Korean library systems catalogue one, with its copies in 049. */
export function kormarcBook(options: {
  controlNumber?: string;
  title: string;
  subtitle?: string;
  author: string;
  publisher: string;
  year: string;
  isbn?: string;
  kdc?: string;
  callNumber?: [string, string];
  subjects?: string[];
  barcodes: string[];
}): TestRecord {
  const fields: TestField[] = [];
  if (options.controlNumber) fields.push(['001', options.controlNumber]);
  if (options.isbn)
    fields.push(['020', '  ', 'a', `${options.isbn} (pbk.)`, 'g', '03810', 'c', '\\14000']);
  if (options.barcodes.length > 0) {
    fields.push([
      '049',
      '0 ',
      ...options.barcodes.flatMap((barcode, i) => ['l', barcode, 'c', String(i + 1)]),
    ]);
  }
  if (options.kdc) fields.push(['056', '  ', 'a', options.kdc, '2', '6']);
  if (options.callNumber)
    fields.push(['090', '  ', 'a', options.callNumber[0], 'b', options.callNumber[1]]);
  fields.push(['100', '1 ', 'a', `${options.author}.`]);
  fields.push(
    options.subtitle
      ? [
          '245',
          '10',
          'a',
          `${options.title} :`,
          'b',
          `${options.subtitle} /`,
          'd',
          `${options.author} 지음`,
        ]
      : ['245', '10', 'a', `${options.title} /`, 'd', `${options.author} 지음`],
  );
  fields.push(['260', '  ', 'a', '서울 :', 'b', `${options.publisher},`, 'c', `${options.year}.`]);
  for (const subject of options.subjects ?? []) fields.push(['653', '  ', 'a', subject]);
  return { fields };
}
