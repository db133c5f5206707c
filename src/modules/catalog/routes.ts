import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { authorize } from '../../platform/auth/authorize.js';
import { validationFailed } from '../../platform/errors.js';
import { requireStaff } from '../../platform/http/auth.js';
import { languageOf, problemResponses } from '../../platform/http/problem.js';
import { LibraryIdParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import { addItem } from './add-item.js';
import { holdingOf, holdingsOf } from './holdings.js';
import type { ImportFormat } from './import-file.js';
import { importItems, localizeImportReport } from './import-items.js';
import { DEFAULT_MAX_ROWS, ITEM_CSV_COLUMNS, itemCsvTemplate } from './item-csv.js';
import { CatalogueTitleSchema, ImportReportSchema, ItemBody, ItemSchema } from './schemas.js';
import { searchCatalogue } from './search.js';
import { IMPORT_ENCODINGS } from './text-encoding.js';

export const CSV_CONTENT_TYPE = 'text/csv';
/** What browsers on Windows with Excel installed call a `.csv` file. */
const EXCEL_CSV_CONTENT_TYPE = 'application/vnd.ms-excel';
/** The import's media types and the format each one means (octet-stream: sniffed from the bytes). */
const IMPORT_CONTENT_TYPES: Record<string, ImportFormat | undefined> = {
  [CSV_CONTENT_TYPE]: 'csv',
  [EXCEL_CSV_CONTENT_TYPE]: 'csv',
  'application/marc': 'marc',
  'application/marcxml+xml': 'marcxml',
  'application/xml': 'marcxml',
  'text/xml': 'marcxml',
  'application/octet-stream': undefined,
};

function importFormatOf(contentType: string | undefined): ImportFormat | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return IMPORT_CONTENT_TYPES[type];
}

const ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'true: check the whole file (barcodes the library has included), write nothing',
      }),
    ),
    encoding: Type.Optional(
      Type.Union(
        IMPORT_ENCODINGS.map((encoding) => Type.Literal(encoding)),
        {
          default: 'auto',
          description:
            "the file's character set: auto (UTF-8 when the bytes are UTF-8, else EUC-KR/CP949), utf-8 or euc-kr",
        },
      ),
    ),
  },
  { additionalProperties: false },
);
/** The largest import file: 100,000 rows of a few hundred bytes. */
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

const ItemParams = Type.Object({
  libraryId: LibraryIdParams.properties.libraryId,
  barcode: Type.String({ minLength: 1, maxLength: 100 }),
});

const IMPORT_DESCRIPTION = `
Send the file itself as the request body, at most 20 MB and ${DEFAULT_MAX_ROWS.toLocaleString('en')}
rows (copies). The \`Content-Type\` says the format:

- \`text/csv\` (browsers on Windows may send \`application/vnd.ms-excel\` for a .csv file): CSV;
- \`application/marc\`: MARC 21 or KORMARC as ISO 2709 (.mrc);
- \`application/marcxml+xml\`, \`application/xml\` or \`text/xml\`: MARCXML (a \`<collection>\` of
  \`<record>\`s or one \`<record>\`, with or without the \`marc:\` prefix);
- \`application/octet-stream\`: the format is recognised from the first bytes.

**Character set** (\`encoding\`): \`auto\` (default) reads UTF-8 when the bytes are UTF-8 and otherwise
EUC-KR (CP949, what Korean Excel saves); \`utf-8\` or \`euc-kr\` choose. For ISO 2709 it is decided
per record (leader/09 \`a\` means UTF-8); for MARCXML the XML declaration's encoding is honoured.

**CSV**: the first line names the columns, in any order: \`${ITEM_CSV_COLUMNS.join(',')}\`. Korean
headers work too (등록번호, 서명, 저자, 출판사, 발행년, 청구기호, 대출가능).
\`GET /api/v1/items/template.csv\` gives a template.

- **barcode** (required): letters A-Z, digits and hyphens, at most 32; unique in the library.
- **title** (required): at most 500 characters.
- **author**, **publisher**, **call_number**: optional text.
- **year**: optional, a whole number up to next year.
- **isbn**: optional ISBN-10 or ISBN-13, hyphens allowed; kept as ISBN-13.
- **loanable**: empty means yes; true/false, yes/no, y/n, 1/0, 대출가능 or 관내열람 (reference only).

**MARC** (the full table is in docs/architecture.md): title 245 $a : $b (ISBD punctuation dropped);
author 100/110, else 700/710, else 245 $d/$c; publisher and year 260 or 264 $b/$c (the first four
digits); ISBN 020 $a (qualifiers like "(pbk.)" dropped); KDC 056 $a; subjects 650/653; call number
090 $a $b $c. Each copy is a KORMARC registration number 049 $l (one 049 may list several) or an 852
field ($p barcode, $h $i its call number). A record without any barcode is reported and skipped.

A file that cannot be read (neither UTF-8 nor EUC-KR, a quote never closed, no barcode or title
column, not XML, no records) is refused with VALIDATION_FAILED (field \`file\`) and nothing is
imported. Otherwise every good row is imported in one transaction and every bad row or record is
skipped and reported, in the reader's language, with its line (CSV; the header is line 1) or its
record number and control number 001 (MARC): a wrong value, a barcode twice in the file, or a
barcode the library already has. \`dryRun=true\` gives the same report and writes nothing.
`.trim();

export async function catalogRoutes(app: App, context: AppContext) {
  app.addSchema(ItemSchema);
  app.addSchema(ImportReportSchema);
  app.addSchema(CatalogueTitleSchema);

  app.get(
    '/api/v1/catalogue',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Search the network catalogue: which participating libraries hold a title',
        description:
          'By part of a title or author (`q`), or by ISBN-10 or ISBN-13 (`isbn`); at least one. ' +
          'Copies with the same ISBN are one title. At most 50 titles, those held by most ' +
          'libraries first; `available` counts loanable copies not on loan now. No sign-in needed.',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200, examples: ['한강'] })),
            isbn: Type.Optional(Type.String({ maxLength: 40, examples: ['978-89-364-3359-8'] })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ titles: Type.Array(Type.Ref('CatalogueTitle')) }),
          ...problemResponses(),
        },
      },
    },
    // A read that never writes: on the read replica when READ_DATABASE_URL is set.
    async (request) => ({ titles: await searchCatalogue(context.readDb, request.query) }),
  );

  app.get(
    '/api/v1/libraries/:libraryId/items',
    {
      schema: {
        tags: ['catalogue'],
        summary: "A library's copies, with their loan status (staff of the library)",
        params: LibraryIdParams,
        querystring: Type.Object(
          {
            q: Type.Optional(
              Type.String({
                maxLength: 200,
                description: 'part of the title, author or barcode, or an ISBN',
              }),
            ),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref('CatalogueItem')),
            total: Type.Integer({ description: 'copies matching, over all pages' }),
            limit: Type.Integer(),
            offset: Type.Integer(),
          }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const { libraryId } = request.params;
      const { q, limit = 50, offset = 0 } = request.query;
      return holdingsOf(context, requireStaff(request), libraryId, { q, limit, offset });
    },
  );

  app.get(
    '/api/v1/libraries/:libraryId/items/:barcode',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'One copy by its barcode, with its loan status (staff of the library)',
        params: ItemParams,
        response: { 200: Type.Ref('CatalogueItem'), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { libraryId, barcode } = request.params;
      return holdingOf(context, requireStaff(request), libraryId, barcode);
    },
  );

  app.post(
    '/api/v1/libraries/:libraryId/items',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Add one copy (library admin of the library, or the network admin)',
        description: 'The same rules as a row of the CSV import; CONFLICT when the barcode exists.',
        params: LibraryIdParams,
        body: ItemBody,
        response: { 201: Type.Ref('CatalogueItem'), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const item = await addItem(context, actor, request.params.libraryId, request.body);
      return reply.status(201).send(item);
    },
  );

  // The import takes the raw file; its parser and body limit stay inside this scope.
  await app.register(async (scope: App) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      Object.keys(IMPORT_CONTENT_TYPES),
      { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/api/v1/libraries/:libraryId/items/import',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ['catalogue'],
          summary:
            "Import a library's holdings from a CSV, MARC (ISO 2709) or MARCXML file (library admin, network admin)",
          description: IMPORT_DESCRIPTION,
          params: LibraryIdParams,
          querystring: ImportQuery,
          body: {
            content: Object.fromEntries(
              Object.keys(IMPORT_CONTENT_TYPES).map((type) => [
                type,
                {
                  schema: Type.Unsafe<Buffer>({
                    description: 'the file itself',
                    contentMediaType: type,
                  }),
                },
              ]),
            ),
          },
          response: {
            200: Type.Ref('ItemImportReport'),
            ...problemResponses(401, 403, 404, 413, 415),
          },
        },
        // Refuse before reading up to 20 MB from someone who may not import here.
        preParsing: async (request) => {
          const libraryId = Number((request.params as { libraryId?: unknown }).libraryId);
          authorize(requireStaff(request), 'library.manage', { libraryId });
        },
      },
      async (request) => {
        const body: unknown = request.body;
        if (!Buffer.isBuffer(body)) throw validationFailed('body', 'send the file as the body');
        const { dryRun = false, encoding = 'auto' } = request.query;
        const report = await importItems(
          context,
          requireStaff(request),
          request.params.libraryId,
          body,
          { format: importFormatOf(request.headers['content-type']), encoding, dryRun },
        );
        return localizeImportReport(report, languageOf(request));
      },
    );
  });

  app.get(
    '/api/v1/items/template.csv',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'A CSV template for the holdings import (UTF-8 with a byte order mark)',
        produces: [CSV_CONTENT_TYPE],
      },
    },
    async (_request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="library-one-items.csv"')
        .send(itemCsvTemplate()),
  );
}
