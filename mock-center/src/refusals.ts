/** Refusal codes of the center, with the HTTP status and the message shown to the resident (ja first). */
export const refusals = {
  BAD_REQUEST: { status: 400, ja: '要求の形式が正しくありません。', en: 'The request is malformed.' },
  CHALLENGE_UNKNOWN: { status: 401, ja: '認証要求が見つかりません。もう一度カードを置いてください。', en: 'The authentication request is unknown. Please place your card again.' },
  CHALLENGE_REPLAYED: { status: 401, ja: 'この認証要求はすでに使われています。もう一度カードを置いてください。', en: 'The authentication request was already used. Please place your card again.' },
  CHALLENGE_EXPIRED: { status: 401, ja: '認証の有効期限が切れました。もう一度カードを置いてください。', en: 'The authentication request expired. Please place your card again.' },
  SIGNATURE_INVALID: { status: 401, ja: 'カードの署名を確認できませんでした。', en: 'The card signature could not be verified.' },
  CERT_MALFORMED: { status: 401, ja: '電子証明書を読み取れませんでした。', en: 'The certificate could not be read.' },
  CERT_UNTRUSTED: { status: 401, ja: 'この電子証明書は利用できません。', en: 'This certificate is not trusted.' },
  CERT_EXPIRED: { status: 403, ja: '電子証明書の有効期限が切れています。市区町村の窓口で更新してください。', en: 'The certificate has expired. Please renew it at your municipal office.' },
  CERT_REVOKED: { status: 403, ja: 'この電子証明書は失効しています。市区町村の窓口にお問い合わせください。', en: 'This certificate has been revoked. Please contact your municipal office.' },
  CERT_SUSPENDED: { status: 403, ja: 'この電子証明書は一時保留中です（転出の届出後）。転入先の窓口で手続きしてください。', en: 'This certificate is suspended after a move. Please complete the move-in at your new municipal office.' },
  CERT_UNKNOWN: { status: 403, ja: '住民情報が見つかりません。市区町村の窓口にお問い合わせください。', en: 'No resident record was found. Please contact your municipal office.' },
  SESSION_UNKNOWN: { status: 401, ja: '操作の有効期限が切れました。はじめからやり直してください。', en: 'Your session has expired. Please start again.' },
  UNDER_15: { status: 403, ja: '15歳未満の方はコンビニ交付を利用できません。市区町村の窓口をご利用ください。', en: 'Residents under 15 cannot use convenience-store issuance. Please visit your municipal office.' },
  MOVED_OUT: { status: 403, ja: '転出済みのため発行できません。転入先の市区町村でお手続きください。', en: 'You have moved out of this municipality. Please register at your new municipality.' },
  DV_PROTECTED: { status: 403, ja: '支援措置の対象のため、コンビニでは発行できません。市区町村の窓口にお越しください。', en: 'Certificates for protected residents are issued only at the municipal office.' },
  CHARACTERS_UNSUPPORTED: { status: 403, ja: '氏名または住所にコンビニ交付で使えない文字があります。市区町村の窓口をご利用ください。', en: 'Your registered name or address uses characters that kiosks cannot print. Please visit your municipal office.' },
  RECORD_CHANGED_TODAY: { status: 403, ja: '本日、住所の異動の手続きがあったため、コンビニでは発行できません。明日以降にご利用ください。', en: 'Your address changed today; kiosk issuance is available from tomorrow.' },
  KIND_NOT_OFFERED: { status: 403, ja: 'この市区町村ではこの証明書をコンビニで発行していません。', en: 'This municipality does not issue this certificate at convenience stores.' },
  OUT_OF_HOURS: { status: 403, ja: 'この証明書の発行時間外です。', en: 'This certificate is not issued at this time of day.' },
  NEW_YEAR_HOLIDAYS: { status: 403, ja: '年末年始（12月29日～1月3日）はサービスを停止しています。', en: 'The service is closed over the New Year holidays (29 December to 3 January).' },
  MUNICIPALITY_CLOSED: { status: 403, ja: 'この市区町村は本日コンビニ交付を停止しています。', en: 'This municipality has stopped convenience-store issuance today.' },
  NO_SEAL_REGISTERED: { status: 403, ja: '印鑑登録がないため、印鑑登録証明書は発行できません。', en: 'You have no registered seal, so no seal registration certificate can be issued.' },
  NO_HONSEKI: { status: 403, ja: '戸籍がないため、この証明書は発行できません。', en: 'You have no family register (koseki) in Japan.' },
  HONSEKI_NOT_REGISTERED: { status: 403, ja: '本籍地の証明書を取得するには、事前に利用登録申請が必要です。', en: 'To get certificates from your place of registry, file the usage registration first.' },
  TAX_YEAR_NOT_AVAILABLE: { status: 403, ja: '指定された年度の税証明書は発行できません。', en: 'No tax certificate is available for that fiscal year.' },
  COPIES_OUT_OF_RANGE: { status: 400, ja: '通数は1通から10通までです。', en: 'You can get between 1 and 10 copies.' },
  OPTION_NOT_APPLICABLE: { status: 400, ja: '指定された記載事項はこの証明書に記載できません。', en: 'That option does not apply to this certificate.' },
  REQUEST_ID_REUSED: { status: 409, ja: '申請番号が別の申請で使われています。', en: 'This request id belongs to another application.' },
  INVALID_TRANSITION: { status: 409, ja: 'この申請の状態では、その操作はできません。', en: 'The application is not in a state that allows this.' },
  APPLICATION_EXPIRED: { status: 409, ja: 'お支払いの期限が過ぎたため、申請は無効になりました。', en: 'The application expired before it was paid.' },
  OTHER_KIOSK: { status: 403, ja: 'この申請は別の端末で受け付けられたため、この端末では操作できません。', en: 'This application belongs to another kiosk.' },
  DOCUMENT_NOT_AVAILABLE: { status: 410, ja: 'この証明書はもう受け取れません。はじめからやり直してください。', en: 'This document can no longer be fetched. Please start again.' },
  PAYLOAD_TOO_LARGE: { status: 413, ja: '要求が大きすぎます。', en: 'The request is too large.' },
  NOT_FOUND: { status: 404, ja: '申請が見つかりません。', en: 'The application was not found.' },
} as const;

export type RefusalCode = keyof typeof refusals;

export function refusalMessage(code: RefusalCode): { ja: string; en: string } {
  return { ja: refusals[code].ja, en: refusals[code].en };
}
