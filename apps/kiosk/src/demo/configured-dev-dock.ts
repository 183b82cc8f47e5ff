import { loadTestPki } from '@konbini-kofu/fixtures';
import type { OpenedDevices } from '../runtime/open-configured-devices';
import { createDemoKit, type DemoKit, type DemoKitParts } from './demo-kit';
import { rigFromDevices } from './emulated-rig';

/**
 * For a configured kiosk with emulated devices (QA, the demo config): the dev dock over them,
 * with test cards from the test PKI and the emulated trays' sensors. Imported dynamically by
 * the configured runtime, so a store kiosk with real devices never loads it.
 */
export async function addDevDock(opened: OpenedDevices, store: DemoKitParts): Promise<DemoKit> {
  // Test cards need the test PKI; a rig without an emulated card reader never loads it.
  const rig = rigFromDevices(opened, opened.emulators.cardReader ? await loadTestPki() : undefined);
  const folder = opened.emulators.folderPrinter;
  return createDemoKit(rig, store, {
    paperLandsInTray: folder !== undefined,
    traySensorsEmulated: opened.emulators.ioBoard !== undefined,
    lastPrintedPdf: () => folder?.printed.at(-1) ?? null,
  });
}
