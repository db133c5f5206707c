import { describe, expect, it } from 'vitest';
import type { ItemImportReport } from '../api/types';
import i18n from '../i18n';
import { errorReportCsv, importContentType } from './ImportItems';

const report: ItemImportReport = {
  imported: 1,
  skipped: 1,
  totalRows: 2,
  records: 2,
  format: 'marcxml',
  encoding: 'euc-kr',
  dryRun: true,
  errors: [
    {
      line: 2,
      controlNumber: 'KMO2',
      barcode: null,
      field: 'barcode',
      column: '바코드',
      code: 'MARC_NO_BARCODE',
      params: {},
      message: '등록번호(049 ▾l)나 바코드(852 ▾p)가 없어 가져올 책이 없습니다',
    },
  ],
};

describe('the holdings import page', () => {
  it('tells the server the format from the file name', () => {
    expect(importContentType('연암 신착.MRC')).toBe('application/marc');
    expect(importContentType('export.xml')).toBe('application/marcxml+xml');
    expect(importContentType('장서.csv')).toBe('text/csv');
  });

  it("names a MARC record's number and control number in the error report", async () => {
    await i18n.changeLanguage('ko');
    expect(errorReportCsv(report, i18n.t, 'ko').split('\r\n').slice(0, 2)).toEqual([
      '\uFEFF레코드 번호,제어번호(001),등록번호,항목,내용,코드',
      '2,KMO2,,등록번호(바코드),등록번호(049 ▾l)나 바코드(852 ▾p)가 없어 가져올 책이 없습니다,MARC_NO_BARCODE',
    ]);
    const csv = { ...report, format: 'csv' as const, errors: [{ ...report.errors[0]!, line: 3 }] };
    expect(errorReportCsv(csv, i18n.t, 'ko').split('\r\n')[0]).toBe(
      '\uFEFF행,등록번호,항목,내용,코드',
    );
  });

  it('says the problems in the language the reader switched to, not the one they came in', async () => {
    const empty = {
      line: 3,
      barcode: null,
      field: 'barcode',
      column: '바코드',
      code: 'VALUE_EMPTY',
      params: { column: 'barcode' },
      message: '바코드가 비어 있습니다',
    };
    const unknown = { ...empty, code: 'A_NEWER_CODE', message: '새 문제' };
    const csv = { ...report, format: 'csv' as const, errors: [empty, unknown] };
    await i18n.changeLanguage('en');
    expect(errorReportCsv(csv, i18n.t, 'en').split('\r\n').slice(1, 3)).toEqual([
      '3,,Barcode,Barcode is empty,VALUE_EMPTY',
      // A code this web app has no sentence for keeps the server's.
      '3,,Barcode,새 문제,A_NEWER_CODE',
    ]);
    await i18n.changeLanguage('ko');
  });
});
