import { createPrivateKey, createSign, randomUUID, X509Certificate, type KeyObject } from 'node:crypto';
import { HttpCenterClient, type AuthenticateResponse, type CenterResult, type IssuedDocument, type IssueRequest } from '@konbini-kofu/center-client';
import type { TestPki } from '@konbini-kofu/fixtures';

export interface SimulatedKioskOptions {
  pki: TestPki;
  url: string;
  kioskId?: string;
  timeoutMs?: number;
  /** Connect from this local address (a fleet on loopback: one address per kiosk). */
  localAddress?: string;
}

type IssueOptions = Omit<IssueRequest, 'sessionId' | 'requestId' | 'copies'> & { copies?: number; requestId?: string };

/**
 * A kiosk without devices: the real center client over HTTPS + mTLS, and the card's RSA
 * signature made with Node's crypto from the card key of the test PKI (what the card
 * emulator computes on COMPUTE DIGITAL SIGNATURE). For tests and the benchmark.
 */
export class SimulatedKiosk {
  readonly client: HttpCenterClient;
  private readonly cardKeys = new Map<string, { key: KeyObject; certDer: Buffer }>();

  constructor(private readonly options: SimulatedKioskOptions) {
    const kioskId = options.kioskId ?? 'kiosk-0001';
    const kiosk = options.pki.kiosks[kioskId];
    const https = options.url.startsWith('https:');
    this.client = new HttpCenterClient({
      baseUrl: options.url,
      centerSigningKey: options.pki.centerSigning.publicKeyPem,
      timeoutMs: options.timeoutMs ?? 10_000,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      ...(https && kiosk ? { tls: { cert: kiosk.certPem, key: kiosk.keyPem, ca: options.pki.centerTlsCa.certPem } } : { kioskId }),
    });
  }

  private card(cardProfileId: string): { key: KeyObject; certDer: Buffer } {
    let card = this.cardKeys.get(cardProfileId);
    if (!card) {
      const pair = this.options.pki.cards[cardProfileId];
      if (!pair) throw new Error(`no JPKI auth certificate for card ${cardProfileId}`);
      card = { key: createPrivateKey(pair.keyPem), certDer: new X509Certificate(pair.certPem).raw };
      this.cardKeys.set(cardProfileId, card);
    }
    return card;
  }

  /** Challenge → card signature → session. `tamper` lets tests send a bad signature. */
  async authenticate(cardProfileId: string, tamper?: (signature: Buffer) => Buffer): Promise<CenterResult<AuthenticateResponse>> {
    const challenge = await this.client.requestChallenge();
    if (!challenge.ok) return challenge;
    const card = this.card(cardProfileId);
    const signature = createSign('sha256').update(Buffer.from(challenge.value.challenge, 'base64')).sign(card.key);
    return this.client.authenticate({
      challengeId: challenge.value.challengeId,
      certificate: card.certDer.toString('base64'),
      signature: (tamper ? tamper(signature) : signature).toString('base64'),
    });
  }

  issue(sessionId: string, options: IssueOptions): Promise<CenterResult<IssuedDocument>> {
    return this.client.issue({ copies: 1, requestId: randomUUID(), ...options, sessionId });
  }

  /** A complete issuance: authenticate, issue, paid, printed. */
  async issueAndPrint(cardProfileId: string, options: IssueOptions): Promise<CenterResult<IssuedDocument>> {
    const session = await this.authenticate(cardProfileId);
    if (!session.ok) return session;
    const doc = await this.issue(session.value.sessionId, options);
    if (!doc.ok) return doc;
    for (const outcome of ['paid', 'printed'] as const) {
      const reported = await this.client.reportOutcome({ requestId: doc.value.requestId, outcome });
      if (!reported.ok) return reported;
    }
    return doc;
  }

  close(): void {
    this.client.close();
  }
}
