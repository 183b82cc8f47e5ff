export * from './card-reader';
export * from './in-process-card-reader';
export { CardTransportError, type ApduTransport, type TransportFailureKind } from './apdu/apdu-transport';
export { openJpkiSession, type JpkiSessionOptions } from './jpki/jpki-session';
export { JPKI_AID, JpkiFile } from './jpki/jpki-application';
export { PcscCardReader, type PcscCardReaderOptions } from './pcsc/pcsc-card-reader';
export { PcscliteLibrary } from './pcsc/pcsclite-library';
export type { PcscLibrary, PcscContext, PcscConnection, PcscWatcher, PcscReaderState } from './pcsc/pcsc-library';
export { VirtualJpkiCard, type JpkiCardContent, type VirtualCardBehaviour } from './emulator/virtual-jpki-card';
export { virtualCardFromProfile, cardContent } from './emulator/card-from-profile';
export { InProcessApduTransport, type ApduTraffic } from './emulator/in-process-transport';
export { EmulatedCardReader } from './emulator/emulated-card-reader';
export { VpcdCardSlot, type VpcdCardSlotOptions } from './vpcd/vpcd-card-slot';
export { startPrivatePcscd, type PrivatePcscd, type PrivatePcscdOptions } from './testing/private-pcscd';

import { PcscCardReader, type PcscCardReaderOptions } from './pcsc/pcsc-card-reader';
import { PcscliteLibrary } from './pcsc/pcsclite-library';

/** The production card reader: PC/SC through the optional `pcsclite` module (loaded on first use). */
export function createPcscCardReader(options: PcscCardReaderOptions = {}): PcscCardReader {
  return new PcscCardReader(new PcscliteLibrary(), options);
}
