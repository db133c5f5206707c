import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { authorize } from '../../platform/auth/authorize.js';
import { validationFailed } from '../../platform/errors.js';
import { anonymousRateLimit } from '../../platform/http/anonymous-rate-limit.js';
import { requireStaff } from '../../platform/http/auth.js';
import { languageOf, problemResponses } from '../../platform/http/problem.js';
import { LibraryIdParams } from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import { IMPORT_ENCODINGS } from '../../platform/text-encoding.js';
import { addItem } from './add-item.js';
import { holdingOf, holdingsOf } from './holdings.js';
import type { ImportFormat } from './import-file.js';
import { importItems, localizeImportReport } from './import-items.js';
import { DEFAULT_MAX_ROWS, ITEM_CSV_COLUMNS, itemCsvTemplate } from './item-csv.js';
import {
  CatalogueTitlePageSchema,
  CatalogueTitleSchema,
  ImportReportSchema,
  ItemBody,
  ItemSchema,
} from './schemas.js';
import {
  CATALOGUE_CANDIDATES,
  CATALOGUE_DEFAULT_LIMIT,
  CATALOGUE_MAX_LIMIT,
  CATALOGUE_MIN_QUERY,
  CATALOGUE_TITLE_CANDIDATES,
  catalogueTitle,
  searchCatalogue,
  viewerOf,
} from './search.js';
import { CATALOGUE_HOLDINGS_SHOWN } from './shown.js';

/** Searches per minute from one address without a sign-in. */
export const ANONYMOUS_SEARCHES_PER_MINUTE = 60;

const SEARCH_DESCRIPTION = `
Titles (bibliographic records) held by participating libraries. No sign-in needed; without one,
at most ${ANONYMOUS_SEARCHES_PER_MINUTE} searches a minute from one address (RATE_LIMITED after).

- **q**: words of a title or an author's name, at least ${CATALOGUE_MIN_QUERY} characters. Every word must
  match: a Korean word anywhere in a title word (바다 finds 푸른 바다의 전설), other words whole
  (case and accents ignored). An ISBN-10 or ISBN-13 typed here (hyphens allowed) finds that ISBN.
- **isbn**: an ISBN-10 or ISBN-13, hyphens allowed.
- **region** (a region's code; a province includes its cities and counties), **library** (an id),
  **available** (only copies on the shelf now): which holdings count; a title without any is left out.

Order: the exact title first, then titles starting with the query, then titles holding every word,
then the rest (author matches); then titles held by more libraries, then by title. The
${CATALOGUE_CANDIDATES.toLocaleString('en')} matching titles held by the most libraries are ranked, with up to
${CATALOGUE_TITLE_CANDIDATES} titles starting with the query however few hold them (a very common word stays fast).
Page with \`cursor\` (the \`nextCursor\` of the page before; null on the last page).

A result carries at most ${CATALOGUE_HOLDINGS_SHOWN} holding libraries per title (\`libraryCount\` says how many hold
it; GET /api/v1/catalogue/titles/{id} lists them all): the viewer's own first, then the first by library
id, so that a title held everywhere costs no more than one held once; \`copies\` and \`available\` are theirs.
A signed-in member sees, per library, whether they may borrow there now (\`checkedIn\`), those
libraries first; staff see the call numbers. A search writes nothing (no audit event).
`.trim();

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
- **loanable**: empty means yes; true/false, yes/no, y/n, 1/0, 예/아니오, 가능/불가, 대출가능/대출불가 or 관내열람 (reference only).

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

  const limitAnonymous = anonymousRateLimit(context.clock, {
    max: ANONYMOUS_SEARCHES_PER_MINUTE,
    windowMs: 60_000,
  });
  app.addSchema(CatalogueTitlePageSchema);

  app.get(
    '/api/v1/catalogue',
    {
      preHandler: limitAnonymous,
      schema: {
        tags: ['catalogue'],
        summary: 'Search the network catalogue: titles, and which libraries hold them',
        description: SEARCH_DESCRIPTION,
        querystring: Type.Object(
          {
            q: Type.Optional(
              Type.String({
                maxLength: 200,
                description: `title words, an author, or an ISBN; at least ${CATALOGUE_MIN_QUERY} characters`,
                examples: ['바다'],
              }),
            ),
            isbn: Type.Optional(
              Type.String({
                maxLength: 40,
                description: 'ISBN-10 or ISBN-13, hyphens allowed',
                examples: ['978-89-364-3359-8'],
              }),
            ),
            region: Type.Optional(
              Type.String({
                maxLength: 100,
                description: "a region's code",
                examples: ['jinju-si'],
              }),
            ),
            library: Type.Optional(Type.Integer({ minimum: 1, description: "a library's id" })),
            available: Type.Optional(
              Type.Boolean({ description: 'only titles with a copy on the shelf now' }),
            ),
            cursor: Type.Optional(
              Type.String({ maxLength: 2000, description: 'the nextCursor of the page before' }),
            ),
            limit: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: CATALOGUE_MAX_LIMIT,
                default: CATALOGUE_DEFAULT_LIMIT,
                description: 'titles per page',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            titles: Type.Array(Type.Ref('CatalogueTitle')),
            nextCursor: Type.Union([Type.String(), Type.Null()], {
              description: 'give it as cursor for the next page; null on the last page',
            }),
          }),
          ...problemResponses(429),
        },
      },
    },
    // Reads that never write: on the read replica when READ_DATABASE_URL is set.
    async (request) => searchCatalogue(context.readDb, request.query, viewerOf(request.actor)),
  );

  app.get(
    '/api/v1/catalogue/titles/:recordId',
    {
      preHandler: limitAnonymous,
      schema: {
        tags: ['catalogue'],
        summary: 'One title and every participating library that holds it',
        description:
          'The title with its subjects, and every participating library holding it with its phone, ' +
          'address, opening hours and closed days, copies and copies on the shelf now. The same ' +
          'member and staff details as the search. NOT_FOUND for an unknown title or one no ' +
          'participating library holds. No sign-in needed (rate-limited as the search).',
        params: Type.Object({ recordId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
        response: { 200: Type.Ref('CatalogueTitlePage'), ...problemResponses(404, 429) },
      },
    },
    async (request) =>
      catalogueTitle(context.readDb, request.params.recordId, viewerOf(request.actor)),
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
