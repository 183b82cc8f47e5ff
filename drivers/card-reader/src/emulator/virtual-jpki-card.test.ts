import { createPublicKey, publicDecrypt, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { findCardProfile, loadTestPki, type TestPki } from '@konbini-kofu/fixtures';
import { hex } from '../apdu/response-apdu';
import { virtualCardFromProfile } from './card-from-profile';
import type { VirtualJpkiCard } from './virtual-jpki-card';

let pki: TestPki;
beforeAll(async () => {
  pki = await loadTestPki();
});

const bytes = (h: string) => Uint8Array.from(Buffer.from(h.replace(/ /g, ''), 'hex'));
const send = (card: VirtualJpkiCard, h: string) => hex(card.process(bytes(h)));
const sw = (card: VirtualJpkiCard, h: string) => send(card, h).slice(-4);
const SELECT_AP = '00A4040C0AD392F000260100000001';

function card(id: string, behaviour = {}): VirtualJpkiCard {
  const profile = findCardProfile(id);
  if (!profile) throw new Error(id);
  return virtualCardFromProfile(profile, pki, behaviour);
}

describe('VirtualJpkiCard', () => {
  it('selects the AP, then the token EF, and reads the space-padded token', () => {
    const c = card('yamada-taro');
    expect(send(c, SELECT_AP)).toBe('9000');
    expect(send(c, '00A4020C020006')).toBe('9000');
    expect(send(c, '00B0000020')).toBe(hex(new TextEncoder().encode('JPKIAPICCTOKEN2'.padEnd(32, ' '))) + '9000');
  });

  it('answers 6A82 to unknown AIDs, unknown EFs and EFs before the AP is selected', () => {
    const c = card('yamada-taro');
    expect(sw(c, '00A4020C02000A')).toBe('6A82');
    expect(sw(c, '00A4040C07A0000000031010')).toBe('6A82');
    expect(sw(c, SELECT_AP)).toBe('9000');
    expect(sw(c, '00A4020C020099')).toBe('6A82');
    expect(sw(card('not-jpki'), SELECT_AP)).toBe('6A82');
  });

  it('serves the auth certificate in chunks and reports the end of the EF', () => {
    const c = card('yamada-taro');
    const der = new X509Certificate(pki.cards['yamada-taro']?.certPem ?? '').raw;
    send(c, SELECT_AP);
    send(c, '00A4020C02000A');
    expect(send(c, '00B0000004')).toBe(der.subarray(0, 4).toString('hex').toUpperCase() + '9000');
    const tail = send(c, '00B0030000');
    expect(tail).toBe(der.subarray(0x300).toString('hex').toUpperCase() + '6282');
    expect(sw(c, '00B07F0001')).toBe('6B00');
  });

  it('answers 6Cxx with the bytes left when told to require an exact Le', () => {
    const c = card('yamada-taro', { exactLeRequired: true });
    const der = new X509Certificate(pki.cards['yamada-taro']?.certPem ?? '').raw;
    send(c, SELECT_AP);
    send(c, '00A4020C02000A');
    expect(sw(c, '00B0030000')).toBe(`6C${(der.length - 0x300).toString(16).toUpperCase().padStart(2, '0')}`);
  });

  it('hands out data through 61xx and GET RESPONSE when chaining like a T=0 card', () => {
    const c = card('yamada-taro', { getResponseChaining: true });
    send(c, SELECT_AP);
    send(c, '00A4020C020006');
    expect(send(c, '00B0000020')).toBe('6120');
    expect(send(c, '00C0000010')).toBe(hex(new TextEncoder().encode('JPKIAPICCTOKEN2 ')) + '6110');
    expect(send(c, '00C0000010')).toBe('20'.repeat(16) + '9000');
    expect(sw(c, '00C0000010')).toBe('6985');
  });

  it('answers 6986 to READ BINARY and VERIFY without a fitting EF, 6982 to sign without VERIFY', () => {
    const c = card('yamada-taro');
    send(c, SELECT_AP);
    expect(sw(c, '00B0000010')).toBe('6986');
    expect(sw(c, '00200080')).toBe('6986');
    send(c, '00A4020C020017');
    expect(sw(c, '00B0000010')).toBe('6986');
    expect(sw(c, `802A008033${'00'.repeat(0x33)}00`)).toBe('6982');
  });

  it('counts PIN tries: 63C3, 63C2 after a wrong PIN, reset by the right one, 6984 once locked', () => {
    const c = card('yamada-taro');
    send(c, SELECT_AP);
    send(c, '00A4020C020018');
    expect(sw(c, '00200080')).toBe('63C3');
    expect(sw(c, '002000800430303030')).toBe('63C2');
    expect(sw(c, '00200080')).toBe('63C2');
    expect(sw(c, '002000800431323334')).toBe('9000');
    expect(sw(c, '00200080')).toBe('63C3');
    expect(sw(c, '002000800430303030')).toBe('63C2');
    expect(sw(c, '002000800430303030')).toBe('63C1');
    expect(sw(c, '002000800430303030')).toBe('63C0');
    expect(sw(c, '00200080')).toBe('6984');
    expect(sw(c, '002000800431323334')).toBe('6984');
    c.reset();
    send(c, SELECT_AP);
    send(c, '00A4020C020018');
    expect(sw(c, '00200080')).toBe('6984');
  });

  it('starts locked for the locked profile', () => {
    const c = card('yamada-hanako-locked');
    send(c, SELECT_AP);
    send(c, '00A4020C020018');
    expect(sw(c, '00200080')).toBe('6984');
  });

  it('pads the DigestInfo with PKCS#1 v1.5 and signs with the auth key after VERIFY', () => {
    const c = card('yamada-taro');
    send(c, SELECT_AP);
    send(c, '00A4020C020018');
    send(c, '002000800431323334');
    send(c, '00A4020C020017');
    const digestInfo = '3031300D060960864801650304020105000420' + 'AB'.repeat(32);
    const r = c.process(bytes(`802A008033${digestInfo}00`));
    expect(hex(r.subarray(-2))).toBe('9000');
    expect(r.length).toBe(258);
    const publicKey = createPublicKey(pki.cards['yamada-taro']?.certPem ?? '');
    expect(hex(publicDecrypt(publicKey, r.subarray(0, 256)))).toBe(digestInfo);
    c.reset();
    send(c, SELECT_AP);
    send(c, '00A4020C020017');
    expect(sw(c, `802A008033${digestInfo}00`)).toBe('6982');
  });

  it('answers 6881 for a logical channel, 6E00 for an unknown class, 6D00 for an unknown instruction, 6700 for a bad length', () => {
    const c = card('yamada-taro');
    expect(sw(c, '01A4040C0AD392F000260100000001')).toBe('6881');
    expect(sw(c, 'A0A4040C0AD392F000260100000001')).toBe('6E00');
    expect(sw(c, '00CA010000')).toBe('6D00');
    expect(sw(c, '80CA010000')).toBe('6D00');
    expect(sw(c, '002A0080')).toBe('6E00');
    expect(sw(c, '00A4')).toBe('6700');
    expect(sw(c, '00A4040C0AD392')).toBe('6700');
  });

  it('has no auth certificate, key or PIN on a 住基カード', () => {
    const c = card('juki-card');
    send(c, SELECT_AP);
    send(c, '00A4020C020006');
    expect(send(c, '00B0000020').startsWith(hex(new TextEncoder().encode('JPKIAPICCTOKEN ')))).toBe(true);
    expect(sw(c, '00A4020C02000A')).toBe('6A82');
    expect(sw(c, '00A4020C020018')).toBe('6A82');
  });
});
