import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeText } from '../../sip2/text-encoding.js';
import { parseDirectoryCsv, readDirectoryCsv } from './directory-csv.js';

const HEADER = 'english_name,korean_name,region_ko,region_en,address_ko,phone,closed_days';

describe('the libraries CSV of `library-one init`', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'library-one-directory-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file Korean Excel saved in EUC-KR as it reads UTF-8, not as broken names', () => {
    const text = [HEADER, 'Solmoe County Library,솔뫼군립도서관,솔뫼군,Solmoe-gun,,,'].join('\r\n');
    const file = path.join(dir, 'euc-kr.csv');
    writeFileSync(file, encodeText(text, 'euc-kr'));
    const parsed = readDirectoryCsv(file);
    expect(parsed.ok && parsed.directory.libraries.map((l) => l.nameKo)).toEqual([
      '솔뫼군립도서관',
    ]);
    expect(parsed.ok && parsed.directory.regions.map((r) => r.nameKo)).toContain('솔뫼군');
  });

  it('refuses bytes that are neither UTF-8 nor EUC-KR, and writes nothing', () => {
    const file = path.join(dir, 'binary.csv');
    writeFileSync(file, Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x00, 0xff]));
    expect(readDirectoryCsv(file)).toEqual({
      ok: false,
      errors: [{ line: 0, message: 'the file is neither UTF-8 nor EUC-KR text' }],
    });
  });

  it("names each error by the file's own line, blank lines counted; a row short of its optional cells is read", () => {
    const parsed = parseDirectoryCsv(
      [
        HEADER,
        'Haman Library,함안도서관,함안군,Haman-gun,,055-580-1234,Every Monday',
        '',
        'Haman Library,함안도서관,함안군,Haman-gun,,,',
        'Uiryeong Library,의령도서관,의령군,Uiryeong-gun',
        'Changnyeong Library,창녕도서관,창녕군,Changnyeong-gun,,tel 055,',
      ].join('\n'),
    );
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { line: 4, message: 'library "Haman Library" is already on line 2' },
        { line: 6, message: 'phone "tel 055" is not a phone number' },
      ],
    });
  });
});
