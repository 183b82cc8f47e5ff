import type * as NodeHidModule from 'node-hid';
import type { HidConnection, HidDeviceInfo, HidDeviceTransport } from './hid-device-transport';

type NodeHid = typeof NodeHidModule;
type NodeHidDevice = NodeHidModule.HIDAsync;

let loaded: Promise<NodeHid> | undefined;

/** node-hid is an optional native dependency: loaded on first use so the emulator and tests never need it. */
function loadNodeHid(): Promise<NodeHid> {
  loaded ??= import('node-hid').catch((e: unknown) => {
    loaded = undefined;
    throw new Error(`node-hid is not available (${e instanceof Error ? e.message : String(e)}); install the optional dependency or set devices.ioBoard.kind to "emulated"`);
  });
  return loaded;
}

class NodeHidConnection implements HidConnection {
  constructor(private readonly device: NodeHidDevice) {}

  async write(report: Uint8Array): Promise<void> {
    const written = await this.device.write(Buffer.from(report));
    if (written !== report.length) throw new Error(`HID write of ${report.length} bytes wrote ${written}`);
  }

  onReport(listener: (report: Uint8Array) => void): void {
    this.device.on('data', (data: Buffer) => listener(new Uint8Array(data)));
  }

  onError(listener: (error: Error) => void): void {
    this.device.on('error', (e: unknown) => listener(e instanceof Error ? e : new Error(String(e))));
  }

  close(): Promise<void> {
    return this.device.close();
  }
}

/** The real board through node-hid (hidraw on Linux, the HID class driver on Windows). */
export class NodeHidTransport implements HidDeviceTransport {
  async list(vendorId: number, productId: number): Promise<HidDeviceInfo[]> {
    const hid = await loadNodeHid();
    const devices = await hid.devicesAsync(vendorId, productId);
    const found: HidDeviceInfo[] = [];
    for (const d of devices) {
      if (!d.path) continue;
      const info: HidDeviceInfo = { path: d.path, vendorId: d.vendorId, productId: d.productId };
      if (d.product) info.product = d.product;
      if (d.serialNumber) info.serialNumber = d.serialNumber;
      found.push(info);
    }
    return found;
  }

  async open(path: string): Promise<HidConnection> {
    const hid = await loadNodeHid();
    return new NodeHidConnection(await hid.HIDAsync.open(path));
  }
}
