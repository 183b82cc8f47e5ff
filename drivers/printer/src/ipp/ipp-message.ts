/**
 * IPP/1.1 messages (RFC 8010 §3) as plain values: what the encoder writes and the decoder returns.
 * Values carry their value tag so that the decoder never guesses and the encoder never loses one.
 */

export const IPP_OPERATION = {
  printJob: 0x0002,
  cancelJob: 0x0008,
  getJobAttributes: 0x0009,
  getPrinterAttributes: 0x000b,
} as const;

/** Delimiter tags (RFC 8010 §3.5.1). */
export const GROUP_TAG = {
  operation: 0x01,
  job: 0x02,
  end: 0x03,
  printer: 0x04,
  unsupported: 0x05,
} as const;
export type GroupName = 'operation' | 'job' | 'printer' | 'unsupported' | 'other';

/** Value tags (RFC 8010 §3.5.2). */
export const VALUE_TAG = {
  unsupported: 0x10,
  unknown: 0x12,
  noValue: 0x13,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  octetString: 0x30,
  dateTime: 0x31,
  resolution: 0x32,
  rangeOfInteger: 0x33,
  begCollection: 0x34,
  textWithLanguage: 0x35,
  nameWithLanguage: 0x36,
  endCollection: 0x37,
  textWithoutLanguage: 0x41,
  nameWithoutLanguage: 0x42,
  keyword: 0x44,
  uri: 0x45,
  uriScheme: 0x46,
  charset: 0x47,
  naturalLanguage: 0x48,
  mimeMediaType: 0x49,
  memberAttrName: 0x4a,
} as const;

export type StringTag = 'text' | 'name' | 'keyword' | 'uri' | 'uriScheme' | 'charset' | 'naturalLanguage' | 'mimeMediaType';

export type IppValue =
  | { tag: 'integer' | 'enum'; value: number }
  | { tag: 'boolean'; value: boolean }
  | { tag: StringTag; value: string }
  | { tag: 'textWithLanguage' | 'nameWithLanguage'; language: string; value: string }
  | { tag: 'octetString' | 'dateTime'; value: Uint8Array }
  | { tag: 'resolution'; x: number; y: number; units: number }
  | { tag: 'rangeOfInteger'; lower: number; upper: number }
  | { tag: 'collection'; members: IppAttribute[] }
  | { tag: 'unsupported' | 'unknown' | 'noValue' };

export interface IppAttribute {
  name: string;
  values: IppValue[];
}

export interface IppGroup {
  group: GroupName;
  attributes: IppAttribute[];
}

export interface IppMessage {
  version: { major: number; minor: number };
  /** operation-id in a request, status-code in a response */
  code: number;
  requestId: number;
  groups: IppGroup[];
}

/** status-code classes (RFC 8011 §B): 0x0000–0x00ff is success. */
export function isSuccessStatus(code: number): boolean {
  return code >= 0x0000 && code <= 0x00ff;
}

export const STATUS_NAMES: Readonly<Record<number, string>> = {
  0x0000: 'successful-ok',
  0x0001: 'successful-ok-ignored-or-substituted-attributes',
  0x0002: 'successful-ok-conflicting-attributes',
  0x0400: 'client-error-bad-request',
  0x0401: 'client-error-forbidden',
  0x0404: 'client-error-not-found',
  0x0405: 'client-error-gone',
  0x040a: 'client-error-document-format-not-supported',
  0x040b: 'client-error-attributes-or-values-not-supported',
  0x0500: 'server-error-internal-error',
  0x0501: 'server-error-operation-not-supported',
  0x0503: 'server-error-version-not-supported',
  0x0506: 'server-error-not-accepting-jobs',
  0x0507: 'server-error-busy',
  0x0508: 'server-error-job-canceled',
};

export function statusName(code: number): string {
  return STATUS_NAMES[code] ?? `status-0x${code.toString(16).padStart(4, '0')}`;
}
