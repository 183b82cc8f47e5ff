/**
 * The little of a HID library the driver needs, promise-only, so that node-hid stays in one thin
 * file and the emulator can stand in for the device with the same reports.
 */
export interface HidDeviceInfo {
  path: string;
  vendorId: number;
  productId: number;
  product?: string;
  serialNumber?: string;
}

export interface HidConnection {
  /** Writes one output report; the first byte is the report id. Rejects when the device is gone. */
  write(report: Uint8Array): Promise<void>;
  /** Input reports as they arrive, report id first. */
  onReport(listener: (report: Uint8Array) => void): void;
  /** A read error: on Linux hidraw this is how an unplugged device shows itself. */
  onError(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

export interface HidDeviceTransport {
  list(vendorId: number, productId: number): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidConnection>;
}
