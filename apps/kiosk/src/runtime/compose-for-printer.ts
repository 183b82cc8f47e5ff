import type { Printer } from '@konbini-kofu/printer';
import { composeCertificate } from '../document/compose-certificate';
import type { ComposeDocument } from '../flow/kiosk-devices';

const DUPLEX = 'two-sided-long-edge';

/**
 * Composes each certificate for the printer at hand: with its back side (scrambled image,
 * detection pattern) and IPP `sides=two-sided-long-edge` when duplex is wanted and the printer
 * lists it in sides-supported; otherwise one-sided, the back's features folded into the front.
 * Asked per document: a printer swapped for a simplex one is noticed at the next visit.
 */
export function composeForPrinter(printer: Pick<Printer, 'status'>, duplexWanted: boolean): ComposeDocument {
  return async (doc) => {
    const status = duplexWanted ? await printer.status().catch(() => undefined) : undefined;
    const duplex = status !== undefined && status.kind !== 'unreachable' && (status.sidesSupported ?? []).includes(DUPLEX);
    const composed = await composeCertificate(doc, { duplex });
    return { ...composed, sides: duplex ? DUPLEX : 'one-sided' };
  };
}
