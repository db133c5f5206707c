import { Type } from 'typebox';
import { DateText, NullableText, RegionRef } from '../../platform/http/schemas.js';

const NullableDate = Type.Union([DateText, Type.Null()]);
export const Weekday = Type.Integer({
  minimum: 1,
  maximum: 7,
  description: '1 = Monday … 7 = Sunday',
});

export const LoanRulesSchema = Type.Object(
  {
    loanLimit: Type.Integer({
      minimum: 0,
      maximum: 1000,
      description: 'open loans per member at this library',
    }),
    loanPeriodDays: Type.Integer({
      minimum: 1,
      maximum: 365,
      description: 'due = loan day + this many days',
    }),
    maxRenewals: Type.Integer({ minimum: 0, maximum: 100 }),
    renewalDays: Type.Integer({
      minimum: 1,
      maximum: 365,
      description: 'a renewal adds this many days to the due date',
    }),
    onlineRenewal: Type.Boolean(),
    closedWeekdays: Type.Array(Weekday, { maxItems: 7, uniqueItems: true }),
  },
  { $id: 'LoanRules', additionalProperties: false },
);

export const LibrarySchema = Type.Object(
  {
    id: Type.Integer(),
    code: Type.String(),
    nameKo: Type.String(),
    nameEn: Type.String(),
    status: Type.Union([Type.Literal('participating'), Type.Literal('planned')]),
    plannedStart: NullableDate,
    participatingSince: NullableDate,
    region: RegionRef,
    province: Type.Union([RegionRef, Type.Null()]),
    addressKo: NullableText,
    addressEn: NullableText,
    phone: NullableText,
    openingHours: Type.Object({ ko: NullableText, en: NullableText }),
    closedDaysNote: Type.Object(
      { ko: NullableText, en: NullableText },
      {
        description:
          'what public sources say of closed days, in Korean and English; null when unknown',
      },
    ),
    loanRules: Type.Ref('LoanRules'),
  },
  { $id: 'Library' },
);

export const HolidaySchema = Type.Object({
  date: DateText,
  nameKo: Type.String(),
  nameEn: Type.String(),
});

export const LibraryDetailSchema = Type.Object({
  library: Type.Ref('Library'),
  holidays: Type.Array(HolidaySchema, { description: 'closed dates from today on' }),
});

export const RegionSchema = Type.Object({
  code: Type.String(),
  kind: Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county')]),
  nameKo: Type.String(),
  nameEn: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  libraryCount: Type.Integer(),
});

export const NetworkRulesSchema = Type.Object(
  {
    networkLoanLimit: Type.Integer({ minimum: 0, maximum: 1000 }),
    suspensionMode: Type.Union([Type.Literal('longest'), Type.Literal('cumulative')]),
    maxSuspensionDays: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    machinesRequirePin: Type.Optional(Type.Boolean()),
  },
  { $id: 'NetworkRules', additionalProperties: false },
);

const FactText = (maxLength: number, description: string) =>
  Type.Union([Type.String({ maxLength, description }), Type.Null()]);

export const LibraryFactsSchema = Type.Object(
  {
    addressKo: FactText(300, 'street address in Korean'),
    addressEn: FactText(300, 'street address in English (romanised)'),
    phone: Type.Union([
      Type.String({ pattern: '^[0-9+() -]{7,20}$', description: 'digits, spaces, + ( ) -' }),
      Type.Null(),
    ]),
    openingHoursKo: FactText(300, '이용 시간, as readers see it'),
    openingHoursEn: FactText(300, 'opening hours in English'),
    closedDaysNoteKo: FactText(500, '휴관일 안내 (the dates themselves are the calendar)'),
    closedDaysNoteEn: FactText(500, 'closed days in English'),
  },
  {
    $id: 'LibraryFacts',
    additionalProperties: false,
    description:
      'What the library tells its readers in Korean and English; blank text is stored as unknown (null)',
  },
);
