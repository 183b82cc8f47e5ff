/** Refusal codes of the center, with the message shown to the resident (ja first). */
export const refusals = {
  BAD_REQUEST: { status: 400, ja: '要求の形式が正しくありません。', en: 'The request is malformed.' },
  CHALLENGE_UNKNOWN: { status: 401, ja: '認証の有効期限が切れたか、すでに使われています。もう一度カードを置いてください。', en: 'The authentication request is unknown or was already used. Please place your card again.' },
  CHALLENGE_EXPIRED: { status: 401, ja: '認証の有効期限が切れました。もう一度カードを置いてください。', en: 'The authentication request expired. Please place your card again.' },
  SIGNATURE_INVALID: { status: 401, ja: 'カードの署名を確認できませんでした。', en: 'The card signature could not be verified.' },
  CERT_MALFORMED: { status: 401, ja: '電子証明書を読み取れませんでした。', en: 'The certificate could not be read.' },
  CERT_UNTRUSTED: { status: 401, ja: 'この電子証明書は利用できません。', en: 'This certificate is not trusted.' },
  CERT_EXPIRED: { status: 403, ja: '電子証明書の有効期限が切れています。市区町村の窓口で更新してください。', en: 'The certificate has expired. Please renew it at your municipal office.' },
  CERT_REVOKED: { status: 403, ja: 'この電子証明書は失効しています。市区町村の窓口にお問い合わせください。', en: 'This certificate has been revoked. Please contact your municipal office.' },
  CERT_UNKNOWN: { status: 403, ja: '住民情報が見つかりません。市区町村の窓口にお問い合わせください。', en: 'No resident record was found. Please contact your municipal office.' },
  SESSION_UNKNOWN: { status: 401, ja: '操作の有効期限が切れました。はじめからやり直してください。', en: 'Your session has expired. Please start again.' },
  KIND_NOT_OFFERED: { status: 403, ja: 'お住まいの市区町村ではこの証明書をコンビニで発行していません。', en: 'Your municipality does not issue this certificate at convenience stores.' },
  NOT_FOUND: { status: 404, ja: '申請が見つかりません。', en: 'The application was not found.' },
} as const;

export type RefusalCode = keyof typeof refusals;
