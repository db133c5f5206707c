import { Type } from 'typebox';

/** Small shared pieces of request and response schemas. */
export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const LibraryIdParams = Type.Object({ libraryId: Id });
export const MemberIdParams = Type.Object({ memberId: Id });
/** A point in time: the handlers return Date objects, the JSON carries ISO 8601 strings. */
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
/** A calendar day (2026-02-29 is refused: the format checks the month's length). */
export const DateText = Type.String({
  format: 'date',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  examples: ['2026-12-01'],
});
export const NullableDate = Type.Union([DateText, Type.Null()]);
export const NullableText = Type.Union([Type.String(), Type.Null()]);
export const Password = Type.String({
  minLength: 8,
  maxLength: 128,
  description:
    "at least 8 characters; a new one is refused when it is a common password or made of the person's name, user name (staff), phone, e-mail (members) or birth date",
});
export const Pin = Type.String({
  pattern: '^\\d{4,6}$',
  description:
    '4 to 6 digits, for self-check machines; a new one is refused when it is one digit repeated, a run (1234), the end of the phone number or the birth date',
});
export const Ok = Type.Object({ ok: Type.Literal(true) });
/** A region as a library or a catalogue title names it. */
export const RegionRef = Type.Object({
  code: Type.String(),
  nameKo: Type.String(),
  nameEn: Type.String(),
});
