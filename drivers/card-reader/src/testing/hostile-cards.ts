import { findCardProfile, loadTestPki, type TestPki } from '@konbini-kofu/fixtures';
import { cardContent } from '../emulator/card-from-profile';
import { VirtualJpkiCard } from '../emulator/virtual-jpki-card';

/** Card contents a broken or forged card could present; the misbehaving link is in vpcd/card-misbehaviour.ts. */
export type HostileContent = 'garbage-certificate' | 'foreign-key';

let pki: TestPki | undefined;

/**
 * A card of the profile whose content is wrong:
 * - garbage-certificate: the auth certificate EF holds a DER SEQUENCE header and 900 bytes of noise,
 *   so it reads like a certificate (length from the header) but does not parse as X.509;
 * - foreign-key: a good certificate, but the card signs with another resident's key (a cloned
 *   certificate on a card that is not its holder's).
 */
export async function hostileCardOf(profileId: string, content: HostileContent): Promise<VirtualJpkiCard> {
  const profile = findCardProfile(profileId);
  if (!profile) throw new Error(`no card profile ${profileId}`);
  pki ??= await loadTestPki();
  const base = cardContent(profile, pki);
  if (content === 'garbage-certificate') {
    const noise = new Uint8Array(4 + 900);
    noise.set([0x30, 0x82, 0x03, 0x84]);
    for (let i = 4; i < noise.length; i++) noise[i] = (i * 37 + 11) & 0xff;
    return new VirtualJpkiCard({ ...base, authCertificate: noise });
  }
  const other = Object.values(pki.cards).find((keys) => keys.keyPem !== base.authKeyPem);
  if (!other) throw new Error('the test PKI has no second card key');
  return new VirtualJpkiCard({ ...base, authKeyPem: other.keyPem });
}
