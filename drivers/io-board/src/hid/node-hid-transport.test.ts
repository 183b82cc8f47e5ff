import { describe, expect, it } from 'vitest';
import { NodeHidTransport } from './node-hid-transport';

/**
 * node-hid itself, as far as this machine allows: it loads lazily and enumerates, but the kernel
 * has no hidraw/uhid, so no device (real or virtual) can be listed or opened here.
 */
describe('NodeHidTransport', () => {
  it('loads node-hid on first use and finds no board on a machine without one', async () => {
    expect(await new NodeHidTransport().list(0x1209, 0x4b4b)).toEqual([]);
  });

  it('rejects opening a device path that does not exist', async () => {
    await expect(new NodeHidTransport().open('/dev/hidraw-none')).rejects.toThrow();
  });
});
