import { X509Certificate } from 'node:crypto';
import { hasAuthCertificate, type CardProfile, type TestPki } from '@konbini-kofu/fixtures';
import { VirtualJpkiCard, type JpkiCardContent, type VirtualCardBehaviour } from './virtual-jpki-card';

/** The emulated card of a fixture profile, with its key and certificate from the test PKI. */
export function virtualCardFromProfile(profile: CardProfile, pki: TestPki, behaviour: VirtualCardBehaviour = {}): VirtualJpkiCard {
  return new VirtualJpkiCard(cardContent(profile, pki), behaviour);
}

export function cardContent(profile: CardProfile, pki: TestPki): JpkiCardContent {
  const content: JpkiCardContent = { authPin: profile.pin, authPinTriesLeft: profile.pinTriesLeft };
  if (profile.token === undefined) return content;
  content.token = profile.token;
  content.signPin = 'SIGNPIN1';
  if (profile.authenticatesOnPhone) content.userVerifiedOnDevice = true;
  if (!hasAuthCertificate(profile)) return content;
  const keys = pki.cards[profile.id];
  if (!keys) throw new Error(`test PKI has no key for card profile ${profile.id}; regenerate it with npm run pki`);
  content.authCertificate = new Uint8Array(new X509Certificate(keys.certPem).raw);
  content.authCaCertificate = new Uint8Array(new X509Certificate(pki.jpkiCa.certPem).raw);
  content.authKeyPem = keys.keyPem;
  return content;
}
