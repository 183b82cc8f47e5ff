import { z } from 'zod';

/** The six certificate kinds of コンビニ交付 (seed table), as API identifiers. */
export const certificateKindSchema = z.enum([
  'juminhyo', // 住民票の写し
  'juminhyo-kisai', // 住民票記載事項証明書
  'inkan', // 印鑑登録証明書
  'tax', // 各種税証明書
  'koseki', // 戸籍証明書
  'koseki-fuhyo', // 戸籍の附票の写し
]);
export type CertificateKind = z.infer<typeof certificateKindSchema>;

export const certificateTitleJa: Record<CertificateKind, string> = {
  juminhyo: '住民票の写し',
  'juminhyo-kisai': '住民票記載事項証明書',
  inkan: '印鑑登録証明書',
  tax: '各種税証明書',
  koseki: '戸籍証明書',
  'koseki-fuhyo': '戸籍の附票の写し',
};

/** Options of 住民票の写し; other kinds use the fields that apply to them. */
export const juminhyoOptionsSchema = z.object({
  scope: z.enum(['self', 'household']).default('self'),
  includeHonseki: z.boolean().default(false),
  includeRelationship: z.boolean().default(false),
  includeMyNumber: z.boolean().default(false),
  includeForeignResidentItems: z.boolean().default(false),
});
export type JuminhyoOptions = z.infer<typeof juminhyoOptionsSchema>;

/**
 * The optional items of a 住民票の写し: 本籍・筆頭者 exist only for Japanese nationals, 国籍など
 * only for foreign residents, so the center tells the kiosk which apply to this resident.
 */
export const juminhyoItemSchema = z.enum(['honseki', 'relationship', 'myNumber', 'foreignResidentItems']);
export type JuminhyoItem = z.infer<typeof juminhyoItemSchema>;

/** 税証明書: which of the three (所得, 課税・非課税, 納税). */
export const taxCertificateSchema = z.enum(['income', 'taxation', 'payment']);
export type TaxCertificate = z.infer<typeof taxCertificateSchema>;

/** Options of 税証明書: the certificate and the fiscal year (年度, western year). */
export const taxOptionsSchema = z.object({
  certificate: taxCertificateSchema.default('income'),
  fiscalYear: z.number().int(),
});
export type TaxOptions = z.infer<typeof taxOptionsSchema>;

/** Options of 戸籍証明書: 全部事項 or 個人事項. */
export const kosekiOptionsSchema = z.object({
  scope: z.enum(['full', 'individual']).default('full'),
});
export type KosekiOptions = z.infer<typeof kosekiOptionsSchema>;
