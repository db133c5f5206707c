import {
  chars,
  count,
  type FieldCodec,
  type FixedCodec,
  list,
  okFlag,
  optionalNumber,
  optionalText,
  optionalYesNo,
  type PatronStatus,
  type PatronSummary,
  patronStatusField,
  type ScStatusCode,
  type Sip2Field,
  type SupportedMessages,
  scStatusField,
  sipDate,
  summaryField,
  supportedMessagesField,
  text,
  yesNo,
  yesNoUnknown,
} from './fields.js';

/**
 * The SIP2 v2.00 messages, one interface per command identifier. Fixed-length fields come first
 * (in the order and at the lengths of the 3M specification), then the variable fields; dates are
 * kept as the 18 characters `YYYYMMDDZZZZHHMMSS` (see `formatSipDateTime`).
 */
interface MessageBase {
  /** Variable fields this codec does not know (vendor extensions), kept in order. */
  otherFields?: Sip2Field[];
}

interface ScreenText {
  screenMessage?: string;
  printLine?: string;
}

export interface LoginRequest extends MessageBase {
  code: '93';
  uidAlgorithm: string;
  pwdAlgorithm: string;
  loginUserId: string;
  loginPassword: string;
  locationCode?: string;
}

export interface LoginResponse extends MessageBase {
  code: '94';
  ok: boolean;
}

export interface ScStatus extends MessageBase {
  code: '99';
  statusCode: ScStatusCode;
  maxPrintWidth: number;
  protocolVersion: string;
}

export interface AcsStatus extends MessageBase, ScreenText {
  code: '98';
  onlineStatus: boolean;
  checkinOk: boolean;
  checkoutOk: boolean;
  acsRenewalPolicy: boolean;
  statusUpdateOk: boolean;
  offlineOk: boolean;
  /** Tenths of a second; 0 means the ACS never times out. */
  timeoutPeriod: number;
  /** 999 means unknown. */
  retriesAllowed: number;
  dateTimeSync: string;
  protocolVersion: string;
  institutionId: string;
  libraryName?: string;
  supportedMessages: SupportedMessages;
  terminalLocation?: string;
}

export interface PatronStatusRequest extends MessageBase {
  code: '23';
  language: string;
  transactionDate: string;
  institutionId: string;
  patronIdentifier: string;
  terminalPassword: string;
  patronPassword: string;
}

export interface PatronStatusResponse extends MessageBase, ScreenText {
  code: '24';
  patronStatus: PatronStatus;
  language: string;
  transactionDate: string;
  institutionId: string;
  patronIdentifier: string;
  personalName: string;
  validPatron?: boolean;
  validPatronPassword?: boolean;
  currencyType?: string;
  feeAmount?: string;
}

export interface PatronInformationRequest extends MessageBase {
  code: '63';
  language: string;
  transactionDate: string;
  summary: PatronSummary;
  institutionId: string;
  patronIdentifier: string;
  terminalPassword?: string;
  patronPassword?: string;
  startItem?: number;
  endItem?: number;
}

export interface PatronInformationResponse extends MessageBase, ScreenText {
  code: '64';
  patronStatus: PatronStatus;
  language: string;
  transactionDate: string;
  holdItemsCount: number;
  overdueItemsCount: number;
  chargedItemsCount: number;
  fineItemsCount: number;
  recallItemsCount: number;
  unavailableHoldsCount: number;
  institutionId: string;
  patronIdentifier: string;
  personalName: string;
  holdItemsLimit?: number;
  overdueItemsLimit?: number;
  chargedItemsLimit?: number;
  validPatron?: boolean;
  validPatronPassword?: boolean;
  currencyType?: string;
  feeAmount?: string;
  feeLimit?: string;
  holdItems: string[];
  overdueItems: string[];
  chargedItems: string[];
  fineItems: string[];
  recallItems: string[];
  unavailableHoldItems: string[];
  homeAddress?: string;
  emailAddress?: string;
  homePhoneNumber?: string;
}

export interface CheckoutRequest extends MessageBase {
  code: '11';
  scRenewalPolicy: boolean;
  noBlock: boolean;
  transactionDate: string;
  nbDueDate: string;
  institutionId: string;
  patronIdentifier: string;
  itemIdentifier: string;
  terminalPassword: string;
  itemProperties?: string;
  patronPassword?: string;
  feeAcknowledged?: boolean;
  cancel?: boolean;
}

/** The fields of checkout (12) and renew (30) responses, which are the same. */
interface LoanResponseFields extends MessageBase, ScreenText {
  ok: boolean;
  renewalOk: boolean;
  magneticMedia: boolean | null;
  desensitize: boolean | null;
  transactionDate: string;
  institutionId: string;
  patronIdentifier: string;
  itemIdentifier: string;
  titleIdentifier: string;
  dueDate: string;
  feeType?: string;
  securityInhibit?: boolean;
  currencyType?: string;
  feeAmount?: string;
  mediaType?: string;
  itemProperties?: string;
  transactionId?: string;
}

export interface CheckoutResponse extends LoanResponseFields {
  code: '12';
}

export interface CheckinRequest extends MessageBase {
  code: '09';
  noBlock: boolean;
  transactionDate: string;
  returnDate: string;
  currentLocation: string;
  institutionId: string;
  itemIdentifier: string;
  terminalPassword: string;
  itemProperties?: string;
  cancel?: boolean;
}

export interface CheckinResponse extends MessageBase, ScreenText {
  code: '10';
  ok: boolean;
  resensitize: boolean;
  magneticMedia: boolean | null;
  alert: boolean;
  transactionDate: string;
  institutionId: string;
  itemIdentifier: string;
  permanentLocation: string;
  titleIdentifier?: string;
  sortBin?: string;
  patronIdentifier?: string;
  mediaType?: string;
  itemProperties?: string;
  /** CV (SIP2 2.00): 01 hold for this library, 02 hold for another, 04 send to another, 99 other. */
  alertType?: string;
  /** CT (SIP2 2.00): where the item goes next (a library's code). */
  destinationLocation?: string;
  /** DA: the member the copy is set aside for (masked). */
  holdPatronName?: string;
}

/** Hold (15): `+` place, `-` cancel, `*` change (answered as not supported). */
export interface HoldRequest extends MessageBase {
  code: '15';
  holdMode: string;
  transactionDate: string;
  expirationDate?: string;
  pickupLocation?: string;
  holdType?: string;
  institutionId: string;
  patronIdentifier: string;
  patronPassword?: string;
  itemIdentifier?: string;
  titleIdentifier?: string;
  terminalPassword?: string;
  feeAcknowledged?: boolean;
}

export interface HoldResponse extends MessageBase, ScreenText {
  code: '16';
  ok: boolean;
  available: boolean;
  transactionDate: string;
  expirationDate?: string;
  queuePosition?: number;
  pickupLocation?: string;
  institutionId: string;
  patronIdentifier: string;
  itemIdentifier?: string;
  titleIdentifier?: string;
}

export interface ItemInformationRequest extends MessageBase {
  code: '17';
  transactionDate: string;
  institutionId: string;
  itemIdentifier: string;
  terminalPassword?: string;
}

export interface ItemInformationResponse extends MessageBase, ScreenText {
  code: '18';
  circulationStatus: string;
  securityMarker: string;
  feeType: string;
  transactionDate: string;
  holdQueueLength?: number;
  dueDate?: string;
  recallDate?: string;
  holdPickupDate?: string;
  itemIdentifier: string;
  titleIdentifier: string;
  owner?: string;
  currencyType?: string;
  feeAmount?: string;
  mediaType?: string;
  permanentLocation?: string;
  currentLocation?: string;
  itemProperties?: string;
}

export interface RenewRequest extends MessageBase {
  code: '29';
  thirdPartyAllowed: boolean;
  noBlock: boolean;
  transactionDate: string;
  nbDueDate: string;
  institutionId: string;
  patronIdentifier: string;
  patronPassword?: string;
  itemIdentifier?: string;
  titleIdentifier?: string;
  terminalPassword?: string;
  itemProperties?: string;
  feeAcknowledged?: boolean;
}

export interface RenewResponse extends LoanResponseFields {
  code: '30';
}

export interface RenewAllRequest extends MessageBase {
  code: '65';
  transactionDate: string;
  institutionId: string;
  patronIdentifier: string;
  patronPassword?: string;
  terminalPassword?: string;
  feeAcknowledged?: boolean;
}

export interface RenewAllResponse extends MessageBase, ScreenText {
  code: '66';
  ok: boolean;
  renewedCount: number;
  unrenewedCount: number;
  transactionDate: string;
  institutionId: string;
  renewedItems: string[];
  unrenewedItems: string[];
}

/** Block patron (01); the ACS answers with a patron status response (24). */
export interface BlockPatron extends MessageBase {
  code: '01';
  cardRetained: boolean;
  transactionDate: string;
  institutionId: string;
  blockedCardMessage: string;
  patronIdentifier: string;
  terminalPassword: string;
}

export interface PatronEnableRequest extends MessageBase {
  code: '25';
  transactionDate: string;
  institutionId: string;
  patronIdentifier: string;
  terminalPassword?: string;
  patronPassword?: string;
}

export interface PatronEnableResponse extends MessageBase, ScreenText {
  code: '26';
  patronStatus: PatronStatus;
  language: string;
  transactionDate: string;
  institutionId: string;
  patronIdentifier: string;
  personalName: string;
  validPatron?: boolean;
  validPatronPassword?: boolean;
}

export interface EndPatronSessionRequest extends MessageBase {
  code: '35';
  transactionDate: string;
  institutionId: string;
  patronIdentifier: string;
  terminalPassword?: string;
  patronPassword?: string;
}

export interface EndSessionResponse extends MessageBase, ScreenText {
  code: '36';
  endSession: boolean;
  transactionDate: string;
  institutionId: string;
  patronIdentifier: string;
}

/** Request ACS resend (97): the terminal received a response with a bad checksum. */
export interface RequestAcsResend extends MessageBase {
  code: '97';
}

/** Request SC resend (96): the ACS received a request with a bad checksum. */
export interface RequestScResend extends MessageBase {
  code: '96';
}

/**
 * Any other two-digit command (fee paid, item status update, or unknown ones). For the
 * other commands of SIP2 v2.00 the fixed part is split off and the variable fields are read;
 * for unknown commands everything after the identifier stays in `fixed`.
 */
export interface UnsupportedMessage {
  code: 'unsupported';
  commandIdentifier: string;
  fixed: string;
  fields: Sip2Field[];
}

export type SupportedSip2Message =
  | LoginRequest
  | LoginResponse
  | ScStatus
  | AcsStatus
  | PatronStatusRequest
  | PatronStatusResponse
  | PatronInformationRequest
  | PatronInformationResponse
  | CheckoutRequest
  | CheckoutResponse
  | CheckinRequest
  | CheckinResponse
  | ItemInformationRequest
  | ItemInformationResponse
  | HoldRequest
  | HoldResponse
  | RenewRequest
  | RenewResponse
  | RenewAllRequest
  | RenewAllResponse
  | BlockPatron
  | PatronEnableRequest
  | PatronEnableResponse
  | EndPatronSessionRequest
  | EndSessionResponse
  | RequestAcsResend
  | RequestScResend;

export type Sip2Message = SupportedSip2Message | UnsupportedMessage;
export type MessageCode = SupportedSip2Message['code'];
export type MessageOf<C extends MessageCode> = Extract<SupportedSip2Message, { code: C }>;

// ---------------------------------------------------------------------------------------------
// Layouts

type FixedEntry<M> = { [K in keyof M]-?: readonly [K, FixedCodec<M[K]>] }[keyof M];
type FieldEntry<M> = {
  [K in keyof M]-?: readonly [string, K, FieldCodec<NonNullable<M[K]>>];
}[keyof M];

/** Where each field of a message lives: fixed fields in order, then variable fields by id. */
export interface MessageLayout<M> {
  name: string;
  fixed: readonly FixedEntry<M>[];
  fields: readonly FieldEntry<M>[];
}

const language = chars(3);
const protocolVersion = chars(4);
const count4 = count(4);

const loanResponse: MessageLayout<LoanResponseFields> = {
  name: '',
  fixed: [
    ['ok', okFlag],
    ['renewalOk', yesNo],
    ['magneticMedia', yesNoUnknown],
    ['desensitize', yesNoUnknown],
    ['transactionDate', sipDate],
  ],
  fields: [
    ['AO', 'institutionId', text],
    ['AA', 'patronIdentifier', text],
    ['AB', 'itemIdentifier', text],
    ['AJ', 'titleIdentifier', text],
    ['AH', 'dueDate', text],
    ['BT', 'feeType', optionalText],
    ['CI', 'securityInhibit', optionalYesNo],
    ['BH', 'currencyType', optionalText],
    ['BV', 'feeAmount', optionalText],
    ['CK', 'mediaType', optionalText],
    ['CH', 'itemProperties', optionalText],
    ['BK', 'transactionId', optionalText],
    ['AF', 'screenMessage', optionalText],
    ['AG', 'printLine', optionalText],
  ],
};

export const LAYOUTS: { [C in MessageCode]: MessageLayout<MessageOf<C>> } = {
  '93': {
    name: 'Login',
    fixed: [
      ['uidAlgorithm', chars(1)],
      ['pwdAlgorithm', chars(1)],
    ],
    fields: [
      ['CN', 'loginUserId', text],
      ['CO', 'loginPassword', text],
      ['CP', 'locationCode', optionalText],
    ],
  },
  '94': { name: 'Login Response', fixed: [['ok', okFlag]], fields: [] },
  '99': {
    name: 'SC Status',
    fixed: [
      ['statusCode', scStatusField],
      ['maxPrintWidth', count(3)],
      ['protocolVersion', protocolVersion],
    ],
    fields: [],
  },
  '98': {
    name: 'ACS Status',
    fixed: [
      ['onlineStatus', yesNo],
      ['checkinOk', yesNo],
      ['checkoutOk', yesNo],
      ['acsRenewalPolicy', yesNo],
      ['statusUpdateOk', yesNo],
      ['offlineOk', yesNo],
      ['timeoutPeriod', count(3)],
      ['retriesAllowed', count(3)],
      ['dateTimeSync', sipDate],
      ['protocolVersion', protocolVersion],
    ],
    fields: [
      ['AO', 'institutionId', text],
      ['AM', 'libraryName', optionalText],
      ['BX', 'supportedMessages', supportedMessagesField],
      ['AN', 'terminalLocation', optionalText],
      ['AF', 'screenMessage', optionalText],
      ['AG', 'printLine', optionalText],
    ],
  },
  '23': {
    name: 'Patron Status Request',
    fixed: [
      ['language', language],
      ['transactionDate', sipDate],
    ],
    fields: [
      ['AO', 'institutionId', text],
      ['AA', 'patronIdentifier', text],
      ['AC', 'terminalPassword', text],
      ['AD', 'patronPassword', text],
    ],
  },
  '24': {
    name: 'Patron Status Response',
    fixed: [
      ['patronStatus', patronStatusField],
      ['language', language],
      ['transactionDate', sipDate],
    ],
    fields: [
      ['AO', 'institutionId', text],
      ['AA', 'patronIdentifier', text],
      ['AE', 'personalName', text],
      ['BL', 'validPatron', optionalYesNo],
      ['CQ', 'validPatronPassword', optionalYesNo],
      ['BH', 'currencyType', optionalText],
      ['BV', 'feeAmount', optionalText],
      ['AF', 'screenMessage', optionalText],
      ['AG', 'printLine', optionalText],
    ],
  },
  '63': {
    name: 'Patron Information',
    fixed: [
      ['language', language],
      ['transactionDate', sipDate],
      ['summary', summaryField],
    ],
    fields: [
      ['AO', 'institutionId', text],
      ['AA', 'patronIdentifier', text],
      ['AC', 'terminalPassword', optionalText],
      ['AD', 'patronPassword', optionalText],
      ['BP', 'startItem', optionalNumber()],
      ['BQ', 'endItem', optionalNumber()],
    ],
  },
  '64': {
    name: 'Patron Information Response',
    fixed: [
      ['patronStatus', patronStatusField],
      ['language', language],
      ['transactionDate', sipDate],
      ['holdItemsCount', count4],
      ['overdueItemsCount', count4],
      ['chargedItemsCount', count4],
      ['fineItemsCount', count4],
      ['recallItemsCount', count4],
      ['unavailableHoldsCount', count4],
    ],
    fields: [
      ['AO', 'institutionId', text],
      ['AA', 'patronIdentifier', text],
      ['AE', 'personalName', text],
      ['BZ', 'holdItemsLimit', optionalNumber(4)],
      ['CA', 'overdueItemsLimit', optionalNumber(4)],
      ['CB', 'chargedItemsLimit', optionalNumber(4)],
      ['BL', 'validPatron', optionalYesNo],
      ['CQ', 'validPatronPassword', optionalYesNo],
      ['BH', 'currencyType', optionalText],
      ['BV', 'feeAmount', optionalText],
      ['CC', 'feeLimit', optionalText],
      ['AS', 'holdItems', list],
      ['AT', 'overdueItems', list],
      ['AU', 'chargedItems', list],
      ['AV', 'fineItems', list],
      ['BU', 'recallItems', list],
      ['CD', 'unavailableHoldItems', list],
      ['BD', 'homeAddress', optionalText],
      ['BE', 'emailAddress', optionalText],
      ['BF', 'homePhoneNumber', optionalText],
      ['AF', 'screenMessage', optionalText],
      ['AG', 'printLine', optionalText],
    ],
  },
  '11': {
    name: 'Checkout',
    fixed: [
      ['scRenewalPolicy', yesNo],
      ['noBlock', yesNo],
      ['transactionDate', sipDate],
      ['nbDueDate', sipDate],
    ],
    fields: [
      ['AO', 'institutionId', text],
      ['AA', 'patronIdentifier', text],
      ['AB', 'itemIdentifier', text],
      ['AC', 'terminalPassword', text],
      ['CH', 'itemProperties', optionalText],
      ['AD', 'patronPassword', optionalText],
      ['BO', 'feeAcknowledged', optionalYesNo],
      ['BI', 'cancel', optionalYesNo],
    ],
  },
  '12': { ...loanResponse, name: 'Checkout Response' },
  '09': {
    name: 'Checkin',
    fixed: [
      ['noBlock', yesNo],
      ['transactionDate', sipDate],
      ['returnDate', sipDate],
    ],
    fields: [
      ['AP', 'currentLocation', text],
      ['AO', 'institutionId', text],
      ['AB', 'itemIdentifier', text],
      ['AC', 'terminalPassword', text],
      ['CH', 'itemProperties', optionalText],
      ['BI', 'cancel', optionalYesNo],
    ],
  },
  '10': {
    name: 'Checkin Response',
    fixed: [
      ['ok', okFlag],
      ['resensitize', yesNo],
      ['magneticMedia', yesNoUnknown],
      ['alert', yesNo],
      ['transactionDate', sipDate],
    ],
    fields: [
      ['AO', 'institutionId', text],
      ['AB', 'itemIdentifier', text],
      ['AQ', 'permanentLocation', text],
      ['AJ', 'titleIdentifier', optionalText],
      ['CL', 'sortBin', optionalText],
      ['AA', 'patronIdentifier', optionalText],
      ['CK', 'mediaType', optionalText],
      ['CH', 'itemProperties', optionalText],
      ['CV', 'alertType', optionalText],
      ['CT', 'destinationLocation', optionalText],
      ['DA', 'holdPatronName', optionalText],
      ['AF', 'screenMessage', optionalText],
      ['AG', 'printLine', optionalText],
    ],
  },
  '15': {
    name: 'Hold',
    fixed: [
      ['holdMode', chars(1)],
      ['transactionDate', sipDate],
    ],
    fields: [
      ['BW', 'expirationDate', optionalText],
      ['BS', 'pickupLocation', optionalText],
      ['BY', 'holdType', optionalText],
      ['AO', 'institutionId', text],
      ['AA', 'patronIdentifier', text],
      ['AD', 'patronPassword', optionalText],
      ['AB', 'itemIdentifier', optionalText],
      ['AJ', 'titleIdentifier', optionalText],
      ['AC', 'terminalPassword', optionalText],
      ['BO', 'feeAcknowledged', optionalYesNo],
    ],
  },
  '16': {
    name: 'Hold Response',
    fixed: [
      ['ok', okFlag],
      ['available', yesNo],
      ['transactionDate', sipDate],
    ],
    fields: [
      ['BW', 'expirationDate', optionalText],
      ['BR', 'queuePosition', optionalNumber()],
      ['BS', 'pickupLocation', optionalText],
      ['AO', 'institutionId', text],
      ['AA', 'patronIdentifier', text],
      ['AB', 'itemIdentifier', optionalText],
      ['AJ', 'titleIdentifier', optionalText],
      ['AF', 'screenMessage', optionalText],
      ['AG', 'printLine', optionalText],
    ],
  },
  '17': {
    name: 'Item Information',
    fixed: [['transactionDate', sipDate]],
    fields: [
      ['AO', 'institutionId', text],
      ['AB', 'itemIdentifier', text],
      ['AC', 'terminalPassword', optionalText],
    ],
  },
  '18': {
    name: 'Item Information Response',
    fixed: [
      ['circulationStatus', chars(2)],
      ['securityMarker', chars(2)],
      ['feeType', chars(2)],
      ['transactionDate', sipDate],
    ],
    fields: [
      ['CF', 'holdQueueLength', optionalNumber()],
      ['AH', 'dueDate', optionalText],
      ['CJ', 'recallDate', optionalText],
      ['CM', 'holdPickupDate', optionalText],
      ['AB', 'itemIdentifier', text],
      ['AJ', 'titleIdentifier', text],
      ['BG', 'owner', optionalText],
      ['BH', 'currencyType', optionalText],
      ['BV', 'feeAmount', optionalText],
      ['CK', 'mediaType', optionalText],
      ['AQ', 'permanentLocation', optionalText],
      ['AP', 'currentLocation', optionalText],
      ['CH', 'itemProperties', optionalText],
      ['AF', 'screenMessage', optionalText],
      ['AG', 'printLine', optionalText],
    ],
  },
  '29': {
    name: 'Renew',
    fixed: [
      ['thirdPartyAllowed', yesNo],
      ['noBlock', yesNo],
      ['transactionDate', sipDate],
      ['nbDueDate', sipDate],
    ],
    fields: [
      ['AO', 'institutionId', text],
      ['AA', 'patronIdentifier', text],
      ['AD', 'patronPassword', optionalText],
      ['AB', 'itemIdentifier', optionalText],
      ['AJ', 'titleIdentifier', optionalText],
      ['AC', 'terminalPassword', optionalText],
      ['CH', 'itemProperties', optionalText],
      ['BO', 'feeAcknowledged', optionalYesNo],
    ],
  },
  '30': { ...loanResponse, name: 'Renew Response' },
  '65': {
    name: 'Renew All',
    fixed: [['transactionDate', sipDate]],
    fields: [
      ['AO', 'institutionId', text],
      ['AA', 'patronIdentifier', text],
      ['AD', 'patronPassword', optionalText],
      ['AC', 'terminalPassword', optionalText],
      ['BO', 'feeAcknowledged', optionalYesNo],
    ],
  },
  '66': {
    name: 'Renew All Response',
    fixed: [
      ['ok', okFlag],
      ['renewedCount', count4],
      ['unrenewedCount', count4],
      ['transactionDate', sipDate],
    ],
    fields: [
      ['AO', 'institutionId', text],
      ['BM', 'renewedItems', list],
      ['BN', 'unrenewedItems', list],
      ['AF', 'screenMessage', optionalText],
      ['AG', 'printLine', optionalText],
    ],
  },
  '01': {
    name: 'Block Patron',
    fixed: [
      ['cardRetained', yesNo],
      ['transactionDate', sipDate],
    ],
    fields: [
      ['AO', 'institutionId', text],
      ['AL', 'blockedCardMessage', text],
      ['AA', 'patronIdentifier', text],
      ['AC', 'terminalPassword', text],
    ],
  },
  '25': {
    name: 'Patron Enable',
    fixed: [['transactionDate', sipDate]],
    fields: [
      ['AO', 'institutionId', text],
      ['AA', 'patronIdentifier', text],
      ['AC', 'terminalPassword', optionalText],
      ['AD', 'patronPassword', optionalText],
    ],
  },
  '26': {
    name: 'Patron Enable Response',
    fixed: [
      ['patronStatus', patronStatusField],
      ['language', language],
      ['transactionDate', sipDate],
    ],
    fields: [
      ['AO', 'institutionId', text],
      ['AA', 'patronIdentifier', text],
      ['AE', 'personalName', text],
      ['BL', 'validPatron', optionalYesNo],
      ['CQ', 'validPatronPassword', optionalYesNo],
      ['AF', 'screenMessage', optionalText],
      ['AG', 'printLine', optionalText],
    ],
  },
  '35': {
    name: 'End Patron Session',
    fixed: [['transactionDate', sipDate]],
    fields: [
      ['AO', 'institutionId', text],
      ['AA', 'patronIdentifier', text],
      ['AC', 'terminalPassword', optionalText],
      ['AD', 'patronPassword', optionalText],
    ],
  },
  '36': {
    name: 'End Session Response',
    fixed: [
      ['endSession', yesNo],
      ['transactionDate', sipDate],
    ],
    fields: [
      ['AO', 'institutionId', text],
      ['AA', 'patronIdentifier', text],
      ['AF', 'screenMessage', optionalText],
      ['AG', 'printLine', optionalText],
    ],
  },
  '97': { name: 'Request ACS Resend', fixed: [], fields: [] },
  '96': { name: 'Request SC Resend', fixed: [], fields: [] },
};

/**
 * Fixed-part lengths of the other SIP2 v2.00 commands (fee paid, item status update and
 * their responses), so that their variable fields (AO, AA, AB…) can be read generically.
 */
export const OTHER_FIXED_LENGTHS: Readonly<Record<string, number>> = {
  '19': 18,
  '20': 19,
  '37': 25,
  '38': 19,
};

export const OTHER_COMMAND_NAMES: Readonly<Record<string, string>> = {
  '19': 'Item Status Update',
  '20': 'Item Status Update Response',
  '37': 'Fee Paid',
  '38': 'Fee Paid Response',
};

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(LAYOUTS, code);
}
