export { composeCertificate, A4, type ComposeOptions, type ComposedCertificate } from './compose-certificate';
export { verifyPrintout, inspectPrintout, type PrintoutInspection, type PrintoutVerdict, type PrintoutFacts, type TrustedKeys, type VerifyOptions } from './verify-printout';
export { restoreScrambledFronts } from './restore-scrambled';
export { parseCertificateCode, encodeCertificateCode, certificateCodeOf, type CertificateCode } from './certificate-code';
export { detectInputKind, grayToPng, type CodeDecoder, type InputKind } from './find-codes';
export { commandLineTools, type DocumentTools } from './poppler';
export type { GrayImage } from './block-scramble';
