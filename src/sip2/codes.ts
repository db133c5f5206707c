/** Code values of SIP2 v2.00 fields, by their meaning. */

/** Language (3 characters) of messages 23, 24, 26, 63, 64. */
export const Language = {
  unknown: '000',
  english: '001',
  japanese: '014',
  chinese: '019',
  korean: '020',
} as const;

/** Circulation status (2 characters) of message 18. */
export const CirculationStatus = {
  other: '01',
  onOrder: '02',
  available: '03',
  charged: '04',
  chargedNotToBeRecalledUntilEarliestRecallDate: '05',
  inProcess: '06',
  recalled: '07',
  waitingOnHoldShelf: '08',
  waitingToBeReshelved: '09',
  inTransitBetweenLibraryLocations: '10',
  claimedReturned: '11',
  lost: '12',
  missing: '13',
} as const;

/** Security marker (2 characters) of message 18. */
export const SecurityMarker = {
  other: '00',
  none: '01',
  tattleTape: '02',
  whisperTape: '03',
} as const;

/** Fee type (2 characters) of messages 12, 18, 30. */
export const FeeType = {
  otherOrUnknown: '01',
  administrative: '02',
  damage: '03',
  overdue: '04',
  processing: '05',
  rental: '06',
  replacement: '07',
  computerAccessCharge: '08',
  holdFee: '09',
} as const;

/** Media type (3 characters, field CK). */
export const MediaType = {
  other: '000',
  book: '001',
  magazine: '002',
  boundJournal: '003',
  audioTape: '004',
  videoTape: '005',
  cdOrCdRom: '006',
  diskette: '007',
  bookWithDiskette: '008',
  bookWithCd: '009',
  bookWithAudioTape: '010',
} as const;

/** The meaning of a code in one of the tables above, e.g. `available` for circulation `03`. */
export function meaningOf(
  table: Readonly<Record<string, string>>,
  code: string,
): string | undefined {
  return Object.entries(table).find(([, value]) => value === code)?.[0];
}
