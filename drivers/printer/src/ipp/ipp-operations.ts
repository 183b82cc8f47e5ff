import { IPP_OPERATION, type GroupName, type IppAttribute, type IppMessage, type IppValue } from './ipp-message';

/** Request builders and response readers for the four operations the kiosk needs (RFC 8011 §4). */

const IPP_1_1 = { major: 1, minor: 1 } as const;
const REQUESTING_USER = 'konbini-kofu';

const keyword = (value: string): IppValue => ({ tag: 'keyword', value });

function operationAttributes(printerUri: string, extra: IppAttribute[] = []): IppAttribute[] {
  // RFC 8011 §4.1.4: charset and natural language come first, in this order, then the target.
  return [
    { name: 'attributes-charset', values: [{ tag: 'charset', value: 'utf-8' }] },
    { name: 'attributes-natural-language', values: [{ tag: 'naturalLanguage', value: 'en' }] },
    { name: 'printer-uri', values: [{ tag: 'uri', value: printerUri }] },
    ...extra,
  ];
}

export const PRINTER_STATUS_ATTRIBUTES = ['printer-state', 'printer-state-reasons', 'printer-state-message', 'printer-is-accepting-jobs', 'sides-supported', 'media-supported'] as const;
export const JOB_STATUS_ATTRIBUTES = ['job-id', 'job-name', 'job-state', 'job-state-reasons', 'job-state-message', 'job-impressions-completed', 'job-media-sheets-completed'] as const;

export function getPrinterAttributesRequest(printerUri: string, requestId: number, requested: readonly string[] = PRINTER_STATUS_ATTRIBUTES): IppMessage {
  return {
    version: IPP_1_1,
    code: IPP_OPERATION.getPrinterAttributes,
    requestId,
    groups: [{ group: 'operation', attributes: operationAttributes(printerUri, [{ name: 'requested-attributes', values: requested.map(keyword) }]) }],
  };
}

export interface PrintJobAttributes {
  jobName: string;
  copies: number;
  sides: 'one-sided' | 'two-sided-long-edge';
  /** PWG 5101.1 media name, e.g. iso_a4_210x297mm */
  media: string;
}

export function printJobRequest(printerUri: string, requestId: number, job: PrintJobAttributes): IppMessage {
  return {
    version: IPP_1_1,
    code: IPP_OPERATION.printJob,
    requestId,
    groups: [
      {
        group: 'operation',
        attributes: operationAttributes(printerUri, [
          { name: 'requesting-user-name', values: [{ tag: 'name', value: REQUESTING_USER }] },
          { name: 'job-name', values: [{ tag: 'name', value: job.jobName }] },
          { name: 'document-format', values: [{ tag: 'mimeMediaType', value: 'application/pdf' }] },
        ]),
      },
      {
        group: 'job',
        attributes: [
          { name: 'copies', values: [{ tag: 'integer', value: job.copies }] },
          { name: 'sides', values: [keyword(job.sides)] },
          { name: 'media', values: [keyword(job.media)] },
        ],
      },
    ],
  };
}

export function getJobAttributesRequest(printerUri: string, requestId: number, jobId: number): IppMessage {
  return {
    version: IPP_1_1,
    code: IPP_OPERATION.getJobAttributes,
    requestId,
    groups: [
      {
        group: 'operation',
        attributes: operationAttributes(printerUri, [
          { name: 'job-id', values: [{ tag: 'integer', value: jobId }] },
          { name: 'requesting-user-name', values: [{ tag: 'name', value: REQUESTING_USER }] },
          { name: 'requested-attributes', values: JOB_STATUS_ATTRIBUTES.map(keyword) },
        ]),
      },
    ],
  };
}

export function cancelJobRequest(printerUri: string, requestId: number, jobId: number): IppMessage {
  return {
    version: IPP_1_1,
    code: IPP_OPERATION.cancelJob,
    requestId,
    groups: [
      {
        group: 'operation',
        attributes: operationAttributes(printerUri, [
          { name: 'job-id', values: [{ tag: 'integer', value: jobId }] },
          { name: 'requesting-user-name', values: [{ tag: 'name', value: REQUESTING_USER }] },
        ]),
      },
    ],
  };
}

// ---- reading answers: every accessor checks the value tag and returns undefined when it does not fit

export function findAttribute(message: IppMessage, group: GroupName, name: string): IppAttribute | undefined {
  for (const g of message.groups) {
    if (g.group !== group) continue;
    const found = g.attributes.find((a) => a.name === name);
    if (found) return found;
  }
  return undefined;
}

export function integerValue(attribute: IppAttribute | undefined, tag: 'integer' | 'enum' = 'integer'): number | undefined {
  const v = attribute?.values[0];
  return v && v.tag === tag && attribute.values.length === 1 ? v.value : undefined;
}

export function keywordValues(attribute: IppAttribute | undefined): string[] | undefined {
  if (!attribute) return undefined;
  const out: string[] = [];
  for (const v of attribute.values) {
    if (v.tag !== 'keyword') return undefined;
    out.push(v.value);
  }
  return out;
}

export function textValue(attribute: IppAttribute | undefined): string | undefined {
  const v = attribute?.values[0];
  if (!v) return undefined;
  if (v.tag === 'text' || v.tag === 'name' || v.tag === 'textWithLanguage' || v.tag === 'nameWithLanguage') return v.value;
  return undefined;
}

export function booleanValue(attribute: IppAttribute | undefined): boolean | undefined {
  const v = attribute?.values[0];
  return v && v.tag === 'boolean' ? v.value : undefined;
}
