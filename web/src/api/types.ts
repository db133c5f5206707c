/**
 * Names for the shapes of the HTTP API the web app uses, all taken from the types generated from
 * its OpenAPI document (schema.gen.ts): nothing here is declared by hand.
 */
import type { components, operations } from './schema.gen';

type Schemas = components['schemas'];
type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
/** The body of an operation's success answer. */
export type Answer<Id extends keyof operations, Status extends number = 200> = Json<
  operations[Id]['responses'][Status & keyof operations[Id]['responses']]
>;
/** The JSON body an operation takes. */
type RequestBody<Id extends keyof operations> = Json<NonNullable<operations[Id]['requestBody']>>;

export type Library = Schemas['Library'];
export type LibraryFacts = Schemas['LibraryFacts'];
export type LibraryRef = Pick<Library, 'id' | 'nameKo' | 'nameEn'>;
export type LoanRules = Schemas['LoanRules'];
export type Holiday = Answer<'getLibrariesByLibraryId'>['holidays'][number];
export type NetworkRules = Schemas['NetworkRules'];
export type CheckInGroup = Schemas['CheckInGroup'];
export type Staff = Schemas['Staff'];
export type Card = Schemas['Card'];
export type Member = Schemas['Member'];
export type FullMember = Extract<Member, { visibility: 'full' }>;
export type CirculationStatus = Schemas['CirculationStatus'];
export type Suspension = NonNullable<CirculationStatus['suspension']>;
export type ReturnResult = Answer<'postReturns'>;
export type Hold = Schemas['Hold'];
export type AuditPage = Answer<'getAuditEvents'>;
export type AuditArea = NonNullable<
  NonNullable<operations['getAuditEvents']['parameters']['query']>['area']
>;
export type InterLibraryRequest = Schemas['InterLibraryRequest'];
export type Statistics = Schemas['Statistics'];
export type Terminal = Schemas['Terminal'];
export type ItemImportReport = Schemas['ItemImportReport'];
export type LibraryChanges = RequestBody<'patchLibrariesByLibraryId'>;

export type IdDocumentType = RequestBody<'postMembersByMemberIdCheckIns'>['idDocumentType'];
/** In the order the desk's list shows them. */
export const ID_DOCUMENT_TYPES = [
  'resident_registration_card',
  'driver_license',
  'passport',
  'alien_registration_card',
  'disability_card',
  'student_id',
  'guardian_id',
] as const satisfies readonly IdDocumentType[];
export type NoticePreferences = Schemas['NoticePreferences'];
export type NoticeLog = Schemas['NoticeLog'];
export type NoticeSettings = Answer<'getNoticeSettings'>;
