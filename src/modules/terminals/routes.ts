import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import { requireStaff } from '../../platform/http/auth.js';
import { problemResponses } from '../../platform/http/problem.js';
import {
  Id,
  LibraryIdParams,
  MemberIdParams,
  Password,
  Timestamp,
} from '../../platform/http/schemas.js';
import type { App } from '../../platform/http/server.js';
import { MAX_ALLOWED_ADDRESSES } from '../../platform/net/allowed-addresses.js';
import { unblockCard } from './card-blocks.js';
import { setTerminalAllowedAddresses } from './terminal-accounts.js';
import { createTerminal, listTerminals } from './terminals.js';

const Encoding = Type.Union([Type.Literal('utf-8'), Type.Literal('euc-kr')], {
  description: "the machine's character encoding: UTF-8, or EUC-KR for older Korean machines",
});
const Language = Type.Union([Type.Literal('ko'), Type.Literal('en')], {
  description: 'the language of screen messages',
});

const AllowedAddresses = Type.Array(Type.String({ maxLength: 64 }), {
  maxItems: MAX_ALLOWED_ADDRESSES,
  description:
    'IPv4/IPv6 addresses or CIDR ranges the machine may log in (SIP2 93) from, canonical (10.20.0.0/16, 2001:db8::/32); empty: any address',
});

const TerminalSchema = Type.Object(
  {
    id: Type.Integer(),
    libraryId: Type.Integer(),
    username: Type.String(),
    encoding: Encoding,
    language: Language,
    disabled: Type.Boolean(),
    allowedAddresses: AllowedAddresses,
    createdAt: Timestamp,
  },
  { $id: 'Terminal' },
);

const NewTerminalBody = Type.Object(
  {
    username: Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$',
      description: 'the SIP2 login user id (CN); stored in lower case, unique in the network',
    }),
    password: Password,
    encoding: Type.Optional(Encoding),
    language: Type.Optional(Language),
  },
  { additionalProperties: false },
);

const UnblockedCardSchema = Type.Object({
  memberId: Type.Integer(),
  card: Type.Object({
    number: Type.String(),
    status: Type.Union([Type.Literal('valid'), Type.Literal('lost')]),
    blocked: Type.Literal(false),
  }),
});

/** Self-check terminal accounts (SIP2) and clearing a machine's card block. */
export async function terminalRoutes(app: App, context: AppContext) {
  app.addSchema(TerminalSchema);

  app.get(
    '/api/v1/libraries/:libraryId/terminals',
    {
      schema: {
        tags: ['self-check'],
        summary: "The library's self-check terminals (its library admin, or the network admin)",
        params: LibraryIdParams,
        response: {
          200: Type.Object({
            terminals: Type.Array(Type.Ref('Terminal')),
            selfCheck: Type.Object(
              {
                port: Type.Union([Type.Integer(), Type.Null()], {
                  description: "this service's SIP2 port; null where it does not listen",
                }),
                tls: Type.Boolean({ description: 'SIP2 over TLS only (SIP2_TLS_CERT)' }),
              },
              { description: "what a machine's settings need besides its user name and password" },
            ),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => ({
      terminals: await listTerminals(context, requireStaff(request), request.params.libraryId),
      selfCheck: context.selfCheck,
    }),
  );

  app.post(
    '/api/v1/libraries/:libraryId/terminals',
    {
      schema: {
        tags: ['self-check'],
        summary: 'Create a self-check terminal account (SIP2 login) at the library',
        description:
          'Its library admin or the network admin. The machine logs in with this user name and password (SIP2 93); a taken user name is CONFLICT.',
        params: LibraryIdParams,
        body: NewTerminalBody,
        response: { 201: Type.Ref('Terminal'), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createTerminal(
            context,
            requireStaff(request),
            request.params.libraryId,
            request.body,
          ),
        ),
  );

  app.put(
    '/api/v1/terminals/:terminalId/allowed-addresses',
    {
      schema: {
        tags: ['self-check'],
        summary: 'Set the source addresses a self-check terminal may log in from',
        description:
          "Its library admin or the network admin; recorded in the audit log. Each entry an IPv4 or IPv6 address or a CIDR range, stored canonical (192.168.1.7/24 → 192.168.1.0/24). A SIP2 login (93) from any other address is refused like a wrong password, without the password being checked and without locking the account. An empty list lets the machine log in from any address. Open sessions are not ended; the list applies from the machine's next login.",
        params: Type.Object({ terminalId: Id }),
        body: Type.Object(
          { allowedAddresses: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 256 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ allowedAddresses: AllowedAddresses }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => ({
      allowedAddresses: await setTerminalAllowedAddresses(
        context,
        requireStaff(request),
        request.params.terminalId,
        request.body.allowedAddresses,
      ),
    }),
  );

  app.post(
    '/api/v1/members/:memberId/card/unblock',
    {
      schema: {
        tags: ['self-check', 'cards'],
        summary:
          "Clear a self-check machine's block of the member's card (staff of a library that holds the member, after checking)",
        description:
          'A machine blocks a card with SIP2 "block patron"; every use is then refused with CARD_BLOCKED until staff clear it. Recorded in the audit log. CONFLICT when the card is not blocked.',
        params: MemberIdParams,
        response: { 200: UnblockedCardSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => unblockCard(context, requireStaff(request), request.params.memberId),
  );
}
