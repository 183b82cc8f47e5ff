import { X509Certificate } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import type { CardFailure, CardHolderKind, CardReader } from '@konbini-kofu/card-reader';
import type { CashUnit, Denomination } from '@konbini-kofu/cash-unit';
import { loadAppFont } from '../document/font-files';
import type { BuzzerPattern, IoBoard, SlotLed } from '@konbini-kofu/io-board';
import type { PrintFailure, Printer } from '@konbini-kofu/printer';

/** Each self-test ends in a value the staff screen shows; only a bug throws. */
export type CardReadTest =
  | { ok: true; holder: CardHolderKind; issuer: string; validTo: string; certificateBytes: number }
  | { ok: false; failure: CardFailure | { kind: 'unparsable-certificate'; detail: string } };

/**
 * Reads the user-authentication certificate of whatever card staff place (any resident's card
 * works: no PIN is needed to read it). Reports issuer and expiry only, never the subject.
 */
export async function cardReadTest(reader: CardReader): Promise<CardReadTest> {
  const opened = await reader.open();
  if (!opened.ok) return { ok: false, failure: opened.error };
  const session = opened.value;
  try {
    const cert = await session.readAuthCertificate();
    if (!cert.ok) return { ok: false, failure: cert.error };
    try {
      const x509 = new X509Certificate(cert.value);
      return { ok: true, holder: session.holder, issuer: x509.issuer.replace(/\n/g, ', '), validTo: new Date(x509.validTo).toISOString(), certificateBytes: cert.value.length };
    } catch (error) {
      return { ok: false, failure: { kind: 'unparsable-certificate', detail: error instanceof Error ? error.message : String(error) } };
    }
  } finally {
    await session.release();
  }
}

export type TestPrint = { ok: true; jobId: number } | { ok: false; failure: PrintFailure };

/** One A4 page with the kiosk's identity and a grey ramp: shows alignment, font and toner. */
export async function testPrintPdf(info: { kioskId: string; storeName: string; at: Date }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle('テスト印刷 Test print');
  const font = await doc.embedFont(loadAppFont('gothic'), { subset: true });
  const page = doc.addPage([595.28, 841.89]);
  const text = (s: string, x: number, y: number, size: number) => page.drawText(s, { x, y, size, font });
  text('テスト印刷 Test print', 60, 760, 24);
  text(`端末 Kiosk: ${info.kioskId}`, 60, 720, 12);
  text(`店舗 Store: ${info.storeName}`, 60, 700, 12);
  text(`日時 Time: ${info.at.toISOString()}`, 60, 680, 12);
  for (let i = 0; i < 10; i++) page.drawRectangle({ x: 60 + i * 47, y: 560, width: 45, height: 80, color: rgb(1 - i / 9, 1 - i / 9, 1 - i / 9), borderColor: rgb(0, 0, 0), borderWidth: 0.5 });
  page.drawRectangle({ x: 20, y: 20, width: 555.28, height: 801.89, borderColor: rgb(0, 0, 0), borderWidth: 1 });
  return doc.save();
}

export async function testPrint(printer: Printer, info: { kioskId: string; storeName: string; at: Date }): Promise<TestPrint> {
  const pdf = await testPrintPdf(info);
  const result = await printer.print({ name: `test-print-${info.at.getTime()}`, pdf, copies: 1, sides: 'one-sided' });
  return result.ok ? { ok: true, jobId: result.value.jobId } : { ok: false, failure: result.error };
}

export interface SignalTestStep {
  target: SlotLed | 'buzzer';
  command: string;
  ok: boolean;
  detail?: string;
}

const LEDS: readonly SlotLed[] = ['card', 'coin', 'note', 'output-tray'];

/**
 * Blinks each slot LED in turn and sounds the chime, then turns everything off. Staff judge
 * by eye and ear; the result says which commands the board accepted.
 */
export async function signalTest(board: IoBoard, pause: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)), stepMs = 600): Promise<SignalTestStep[]> {
  const steps: SignalTestStep[] = [];
  const attempt = async (target: SignalTestStep['target'], command: string, run: () => Promise<void>) => {
    try {
      await run();
      steps.push({ target, command, ok: true });
    } catch (error) {
      steps.push({ target, command, ok: false, detail: error instanceof Error ? error.message : String(error) });
    }
  };
  for (const led of LEDS) {
    await attempt(led, 'blink', () => board.setLed(led, 'blink'));
    await pause(stepMs);
    await attempt(led, 'off', () => board.setLed(led, 'off'));
  }
  const chime: BuzzerPattern = 'chime';
  await attempt('buzzer', chime, () => board.buzz(chime));
  await pause(stepMs);
  await attempt('buzzer', 'off', () => board.buzz('off'));
  return steps;
}

export interface AcceptanceTest {
  /** Every coin and note the unit accepted, in order. */
  accepted: Denomination[];
  /** What the unit paid back at the end; anything short is `claim` (hoppers empty). */
  returned: number;
  claim: number;
  faults: string[];
}

/**
 * Coin/note acceptance test: opens a payment session for an amount no test reaches, lets
 * staff insert coins and notes, then cancels so the unit returns all of it.
 */
export function acceptanceTest(cash: CashUnit): { onAccepted: (l: (d: Denomination) => void) => void; finish: () => Promise<AcceptanceTest> } {
  const accepted: Denomination[] = [];
  const faults: string[] = [];
  let listener: (d: Denomination) => void = () => undefined;
  const session = cash.collect(1_000_000, (event) => {
    if (event.kind === 'credited') {
      accepted.push(event.denomination);
      listener(event.denomination);
    } else if (event.kind === 'fault') faults.push(`${event.device}: ${event.detail}`);
  });
  return {
    onAccepted: (l) => (listener = l),
    finish: async () => {
      await session.cancel('resident');
      const outcome = await session.outcome;
      const returned = outcome.kind === 'paid' ? outcome.change : outcome.returned;
      return { accepted, returned, claim: outcome.claim, faults };
    },
  };
}
