import { Type } from 'typebox';
import {
  DateText,
  NullableDate,
  NullableText,
  NullableTimestamp,
  Password,
  Pin,
  Timestamp,
} from '../../platform/http/schemas.js';
import { ID_DOCUMENT_TYPES } from './domain.js';

export const IdDocumentTypeSchema = Type.Union(
  ID_DOCUMENT_TYPES.map((t) => Type.Literal(t)),
  { description: 'the type of ID document checked; its number is never recorded' },
);

const Name = Type.String({ minLength: 1, maxLength: 100 });
const GuardianSchema = Type.Object(
  {
    name: Name,
    relationship: Type.String({ minLength: 1, maxLength: 50, examples: ['모', '부', 'mother'] }),
    consent: Type.Boolean(),
  },
  { additionalProperties: false },
);

const personalFields = {
  name: Name,
  birthDate: Type.String({ format: 'date', description: 'YYYY-MM-DD', maxLength: 10 }),
  phone: Type.Optional(Type.String({ minLength: 9, maxLength: 20, examples: ['010-1234-5678'] })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  guardian: Type.Optional(GuardianSchema),
  consent: Type.Optional(
    Type.Boolean({
      description:
        'The box "개인정보 수집·이용 동의 (필수)" (GET /api/v1/privacy-policy `consent`); anything but true is refused with CONSENT_REQUIRED',
    }),
  ),
};

export const PreRegistrationBody = Type.Object(
  {
    ...personalFields,
    homeLibraryId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
    password: Password,
  },
  { additionalProperties: false },
);

export const WalkInBody = Type.Object(
  {
    ...personalFields,
    idDocumentType: IdDocumentTypeSchema,
    password: Type.Optional(Password),
    pin: Type.Optional(Pin),
  },
  { additionalProperties: false },
);

export const IdCheckBody = Type.Object(
  { idDocumentType: IdDocumentTypeSchema },
  { additionalProperties: false },
);

/** A check-in starts from the member's card presented at the desk, never from an id alone. */
export const CheckInBody = Type.Object(
  {
    idDocumentType: IdDocumentTypeSchema,
    cardNumber: Type.String({
      minLength: 1,
      maxLength: 40,
      description: "the member's card, scanned or typed at this desk",
    }),
  },
  { additionalProperties: false },
);

export const CardSchema = Type.Object(
  {
    number: Type.String(),
    status: Type.Union([Type.Literal('valid'), Type.Literal('lost'), Type.Literal('replaced')]),
    issuedAt: Timestamp,
    issuedAtLibraryId: Type.Integer(),
    lostAt: NullableTimestamp,
    replacedAt: NullableTimestamp,
    blocked: Type.Boolean(),
  },
  { $id: 'Card' },
);

const LibraryRef = Type.Object({
  id: Type.Integer(),
  nameKo: Type.String(),
  nameEn: Type.String(),
});
const Status = Type.Union([
  Type.Literal('pending'),
  Type.Literal('active'),
  Type.Literal('withdrawn'),
]);

export const MemberLimitedSchema = Type.Object(
  {
    visibility: Type.Literal('limited'),
    id: Type.Integer(),
    name: NullableText,
    maskedPhone: NullableText,
    maskedEmail: NullableText,
    status: Status,
    suspendedUntil: Type.Union([DateText, Type.Null()], {
      description:
        'a suspension running across the network: until when (not why), so that no check-in is made only to be refused',
    }),
    homeLibrary: LibraryRef,
    checkedInHere: Type.Literal(false),
  },
  { description: 'what a library sees before the member checks in there' },
);

export const MemberFullSchema = Type.Object({
  visibility: Type.Literal('full'),
  id: Type.Integer(),
  name: NullableText,
  birthDate: NullableDate,
  phone: NullableText,
  email: NullableText,
  status: Status,
  homeLibrary: LibraryRef,
  checkedInHere: Type.Boolean(),
  guardian: Type.Union([
    Type.Object({ name: Type.String(), relationship: Type.String(), consentAt: NullableTimestamp }),
    Type.Null(),
  ]),
  card: Type.Union([Type.Ref('Card'), Type.Null()]),
  consent: Type.Object({
    givenOn: NullableDate,
    expiresOn: NullableDate,
    renewalDue: Type.Boolean(),
    /** The version of the consent text agreed to (null before it was recorded). */
    version: Type.Union([Type.String(), Type.Null()]),
    /** Two years passed without renewal: processing is restricted until the member renews. */
    lapsed: Type.Boolean(),
  }),
  verification: Type.Union([
    Type.Object({
      at: Timestamp,
      libraryId: Type.Union([Type.Integer(), Type.Null()]),
      idDocumentType: NullableText,
    }),
    Type.Null(),
  ]),
  registeredAt: Timestamp,
  loanHistoryEnabled: Type.Boolean(),
});

export const MemberSchema = Type.Union([MemberFullSchema, MemberLimitedSchema], { $id: 'Member' });

export const CardLookupSchema = Type.Object({
  card: Type.Ref('Card'),
  member: Type.Ref('Member'),
  status: Type.Optional(
    Type.Ref('CirculationStatus', {
      description:
        'where this library holds the member: their network status, as GET /members/{memberId}/loans answers it (that look is audited with this one)',
    }),
  ),
});

export const RegisteredSchema = Type.Object({
  id: Type.Integer(),
  status: Status,
  card: Type.Ref('Card'),
});

export const DataHoldersSchema = Type.Object({
  libraries: Type.Array(
    Type.Object({
      id: Type.Integer(),
      nameKo: Type.String(),
      nameEn: Type.String(),
      phone: NullableText,
    }),
  ),
});
