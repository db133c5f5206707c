import { Type } from 'typebox';
import { NullableDate, NullableText, RegionRef } from '../../platform/http/schemas.js';
import { IMPORT_FORMATS } from './import-file.js';
import { ITEM_LIMITS } from './item.js';
import { ITEM_CSV_COLUMNS } from './item-csv.js';
import { CATALOGUE_HOLDINGS_SHOWN } from './shown.js';

const NullableYear = Type.Union([Type.Integer(), Type.Null()]);
const Isbn13 = Type.Union([
  Type.String({ pattern: '^\\d{13}$', description: 'ISBN-13, digits only' }),
  Type.Null(),
]);

export const ItemSchema = Type.Object(
  {
    id: Type.Integer(),
    libraryId: Type.Integer(),
    barcode: Type.String(),
    title: Type.String(),
    author: NullableText,
    publisher: NullableText,
    year: NullableYear,
    isbn: Isbn13,
    callNumber: NullableText,
    loanable: Type.Boolean({ description: 'false for a reference copy, read in the library only' }),
    onLoan: Type.Boolean(),
    dueDate: NullableDate,
  },
  { $id: 'CatalogueItem', description: 'One copy a library holds' },
);

/** Generous bounds only: item.ts gives the precise messages (the same as for the CSV import). */
export const ItemBody = Type.Object(
  {
    barcode: Type.String({
      maxLength: 200,
      description: `letters A-Z, digits and hyphens, at most ${ITEM_LIMITS.barcode}; unique in the library`,
      examples: ['EM0000123'],
    }),
    title: Type.String({ maxLength: 5000, description: `at most ${ITEM_LIMITS.title} characters` }),
    author: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    publisher: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    year: Type.Optional(
      Type.Union([
        Type.Integer({ description: `from ${ITEM_LIMITS.earliestYear} to next year` }),
        Type.Null(),
      ]),
    ),
    isbn: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 40, description: 'ISBN-10 or ISBN-13; kept as ISBN-13' }),
        Type.Null(),
      ]),
    ),
    callNumber: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
    loanable: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

export const ImportReportSchema = Type.Object(
  {
    imported: Type.Integer({
      description: 'rows written as new copies (in a dry run: rows that would be written)',
    }),
    skipped: Type.Integer({ description: 'rows not written (see errors)' }),
    totalRows: Type.Integer({
      description:
        'CSV: rows in the file, blank rows not counted; MARC: the copies its records give (a record without any counts as one)',
    }),
    records: Type.Optional(Type.Integer({ description: 'MARC: the records in the file' })),
    format: Type.Union(
      IMPORT_FORMATS.map((format) => Type.Literal(format)),
      {
        description: 'how the file was read: csv, marc (ISO 2709) or marcxml',
      },
    ),
    encoding: Type.Union([Type.Literal('utf-8'), Type.Literal('euc-kr')], {
      description: 'the character set the file was read in (euc-kr: CP949)',
    }),
    dryRun: Type.Boolean({ description: 'true: everything was checked and nothing was written' }),
    errors: Type.Array(
      Type.Object({
        line: Type.Integer({
          description:
            'CSV: the line a spreadsheet shows (the header is line 1); MARC: the record number in the file (the first is 1)',
        }),
        controlNumber: Type.Optional(
          Type.Union([Type.String(), Type.Null()], {
            description: "MARC only: the record's control number (001), null when it has none",
          }),
        ),
        barcode: NullableText,
        field: Type.String({
          description: `a column (${ITEM_CSV_COLUMNS.join(', ')}), row, or (MARC) record`,
        }),
        column: Type.String({ description: "the field's name in the reader's language (바코드)" }),
        code: Type.String({
          description:
            'stable: VALUE_EMPTY, VALUE_TOO_LONG, BARCODE_CHARACTERS, YEAR_OUT_OF_RANGE, ISBN_*, LOANABLE_UNKNOWN, ROW_TOO_WIDE, BARCODE_REPEATED, BARCODE_EXISTS; MARC: MARC_NO_BARCODE, MARC_RECORD_UNREADABLE, MARC_RECORD_ENCODING, BARCODE_REPEATED_RECORD',
        }),
        params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
        message: Type.String({ description: "the sentence in the reader's language" }),
      }),
    ),
  },
  { $id: 'ItemImportReport' },
);

const LibraryRef = {
  id: Type.Integer(),
  code: Type.String(),
  nameKo: Type.String(),
  nameEn: Type.String(),
  region: RegionRef,
};

const HoldingFields = {
  copies: Type.Integer({ description: 'copies there' }),
  available: Type.Integer({ description: 'loanable copies there not on loan now' }),
  checkedIn: Type.Union([Type.Boolean(), Type.Null()], {
    description:
      'signed-in member: whether they may borrow there now (checked in, or their home library); null for anyone else',
  }),
  callNumbers: Type.Optional(
    Type.Array(Type.String(), {
      description: "staff only: the call numbers of the library's copies",
    }),
  ),
};

const TitleFields = {
  id: Type.Integer({ description: "the title's record id (GET /api/v1/catalogue/titles/{id})" }),
  title: Type.String(),
  author: NullableText,
  publisher: NullableText,
  year: NullableYear,
  isbn: Isbn13,
  kdc: Type.Union([Type.String(), Type.Null()], { description: 'KDC class, e.g. 813.7' }),
  libraryCount: Type.Integer({
    description: 'participating libraries holding the title, whatever the filters',
  }),
  copies: Type.Integer({ description: 'copies in the holdings listed' }),
  available: Type.Integer({
    description: 'loanable copies not on loan now, in the holdings listed',
  }),
};

const Holdings = Type.Array(Type.Object({ library: Type.Object(LibraryRef), ...HoldingFields }), {
  description:
    `the libraries holding it (those the filters keep), at most ${CATALOGUE_HOLDINGS_SHOWN}: the viewer's ` +
    "own (a member's checked-in and home libraries, a staff member's library) and then the first by " +
    "library id; listed with the member's libraries first, then most on the shelf, then by library. " +
    'libraryCount says how many hold it; the title page lists them all',
});

export const CatalogueTitleSchema = Type.Object(
  { ...TitleFields, holdings: Holdings },
  { $id: 'CatalogueTitle', description: 'A title and the libraries that hold it' },
);

const OptionalText = (description: string) =>
  Type.Union([Type.String(), Type.Null()], { description });

export const CatalogueTitlePageSchema = Type.Object(
  {
    title: Type.Object({
      ...TitleFields,
      holdings: Holdings,
      subjects: Type.Array(Type.String(), { description: 'subject headings' }),
    }),
    holdings: Type.Array(
      Type.Object({
        library: Type.Object({
          ...LibraryRef,
          phone: OptionalText('the phone number to call'),
          addressKo: OptionalText('address in Korean'),
          addressEn: OptionalText('address in English'),
          openingHoursKo: OptionalText('opening hours in Korean'),
          openingHoursEn: OptionalText('opening hours in English'),
          closedDaysNoteKo: OptionalText('closed days in Korean'),
          closedDaysNoteEn: OptionalText('closed days in English'),
        }),
        ...HoldingFields,
      }),
      { description: 'every participating library holding it, with its facts, in the same order' },
    ),
  },
  { $id: 'CatalogueTitlePage', description: 'One title with every library that holds it' },
);
