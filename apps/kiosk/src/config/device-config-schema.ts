import { z } from 'zod';

/**
 * The parts of the kiosk configuration that bind hardware and the center. Each is a
 * union on `kind`: the emulated/mock variant is the default, so a config file that
 * names nothing runs the demo.
 */

const absolutePath = (what: string) =>
  z.string().refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), {
    error: `must be an absolute path to ${what} (e.g. "/etc/konbini-kofu/…" or "C:\\ProgramData\\konbini-kofu\\…")`,
  });

/** A serial device: a stable udev name on Linux (see deploy/udev), COMn on Windows. */
const serialPortPath = z
  .string()
  .regex(/^(\/dev\/[A-Za-z0-9._/-]+|COM[0-9]{1,3})$/, {
    error: 'must be a serial device such as "/dev/konbini-bill-validator" (udev link from deploy/udev) or "COM3" on Windows',
  });

/** USB ids are written in hex as lsusb prints them ("0x04d8" or "04d8"), or as numbers. */
const usbId = z
  .union([z.number().int(), z.string().regex(/^(0x)?[0-9A-Fa-f]{1,4}$/, { error: 'must be a 16-bit hex id as lsusb prints it, e.g. "0x04d8"' })])
  .transform((v) => (typeof v === 'number' ? v : Number.parseInt(v.replace(/^0x/i, ''), 16)))
  .pipe(z.number().int().min(1, { error: 'must be 0x0001–0xffff (0 is not a USB id)' }).max(0xffff, { error: 'must be at most 0xffff' }));

const regexSource = z.string().refine(
  (s) => {
    try {
      new RegExp(s, 'i');
      return true;
    } catch {
      return false;
    }
  },
  { error: 'must be a valid regular expression (case-insensitive), e.g. "SONY|PaSoRi" — `pcsc_scan -n` lists the reader names' },
);

export const centerConfigSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.object({ kind: z.literal('mock'), port: z.number().int().min(1024).max(65535).default(8443) }).strict(),
      z
        .object({
          kind: z.literal('remote'),
          url: z.url({ protocol: /^https$/, error: 'must be an https:// URL of the issuance center, e.g. "https://center.example.jp:8443"' }),
          /** PEM public key the center signs issued documents with. */
          signingKeyPath: absolutePath('the center signing public key (PEM)'),
          /** Mutual TLS: the kiosk's client certificate, its key and the center's CA. */
          clientCertificate: z
            .object({
              certPath: absolutePath('the kiosk client certificate (PEM)'),
              keyPath: absolutePath('the kiosk client key (PEM)'),
              caPath: absolutePath('the center CA certificate (PEM)'),
            })
            .strict(),
        })
        .strict(),
    ],
    { error: 'center.kind must be "mock" (the demo center started in-process) or "remote" (a real center over https)' },
  )
  .prefault({ kind: 'mock' });

export const cardReaderConfigSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.object({ kind: z.literal('emulated') }).strict(),
      z.object({ kind: z.literal('pcsc'), readerNameFilter: regexSource.default('') }).strict(),
    ],
    { error: 'devices.cardReader.kind must be "emulated" or "pcsc"' },
  )
  .prefault({ kind: 'emulated' });

export const cashUnitConfigSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.object({ kind: z.literal('emulated') }).strict(),
      z
        .object({
          kind: z.literal('serial'),
          /** JCM ID-003 bill validator (9600 8E1). */
          billValidatorPort: serialPortPath,
          /** ccTalk bus with the coin acceptor and the hoppers. */
          coinBusPort: serialPortPath,
        })
        .strict(),
    ],
    { error: 'devices.cashUnit.kind must be "emulated" or "serial"' },
  )
  .prefault({ kind: 'emulated' });

export const ioBoardConfigSchema = z
  .discriminatedUnion(
    'kind',
    [z.object({ kind: z.literal('emulated') }).strict(), z.object({ kind: z.literal('hid'), vendorId: usbId, productId: usbId }).strict()],
    { error: 'devices.ioBoard.kind must be "emulated" or "hid"' },
  )
  .prefault({ kind: 'emulated' });

export const printerConfigSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.object({ kind: z.literal('folder'), folder: z.string().min(1).default('var/printed') }).strict(),
      z
        .object({
          kind: z.literal('ipp'),
          uri: z.url({ protocol: /^ipps?$/, error: 'must be an ipp:// or ipps:// printer URI, e.g. "ipp://localhost:631/printers/kiosk"' }),
          /**
           * Certificates with their back side (scrambled image, detection pattern), printed
           * two-sided when the printer lists sides=two-sided-long-edge; otherwise one-sided with
           * the back's features on the front.
           */
          duplex: z.boolean({ error: 'must be true or false' }).default(true),
        })
        .strict(),
    ],
    { error: 'devices.printer.kind must be "folder" (PDFs to a folder, demo) or "ipp"' },
  )
  .prefault({ kind: 'folder' });

export const devicesConfigSchema = z
  .object({
    cardReader: cardReaderConfigSchema,
    cashUnit: cashUnitConfigSchema,
    ioBoard: ioBoardConfigSchema,
    printer: printerConfigSchema,
  })
  .strict()
  .prefault({});
