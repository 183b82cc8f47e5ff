import type { AuthenticateRequest, AuthenticateResponse, ChallengeResponse, IssuedDocument, IssueRequest, OutcomeRequest } from './api/v1';

/** Every way a call to the center can fail, as a value the flow can act on. */
export type CenterFailure =
  | { kind: 'refused'; code: string; message: { ja: string; en: string } }
  | { kind: 'unavailable'; detail: string }
  | { kind: 'timeout' }
  | { kind: 'malformed'; detail: string }
  | { kind: 'signature-invalid' };

export type CenterResult<T> = { ok: true; value: T } | { ok: false; error: CenterFailure };

/** The kiosk's view of the 証明書交付センター. */
export interface CenterClient {
  requestChallenge(): Promise<CenterResult<ChallengeResponse>>;
  authenticate(request: AuthenticateRequest): Promise<CenterResult<AuthenticateResponse>>;
  /** Issues the document; the result's signature has already been checked. */
  issue(request: IssueRequest): Promise<CenterResult<IssuedDocument>>;
  reportOutcome(request: OutcomeRequest): Promise<CenterResult<void>>;
}
