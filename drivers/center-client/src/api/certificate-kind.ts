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
  /** 本人のみ, 世帯全員, or 世帯の一部 (the members in memberIds). */
  scope: z.enum(['self', 'household', 'members']).default('self'),
  /** 世帯の一部: resident ids of the household members to print (the applicant need not be one of them). */
  memberIds: z.array(z.string().min(1)).min(1).max(20).optional(),
  includeHonseki: z.boolean().default(false),
  includeRelationship: z.boolean().default(false),
  /** Only where the municipality allows it at kiosks (offering.myNumberAllowed). */
  includeMyNumber: z.boolean().default(false),
  includeForeignResidentItems: z.boolean().default(false),
  /** 住民票コード. */
  includeJuminhyoCode: z.boolean().optional(),
});
export type JuminhyoOptions = z.infer<typeof juminhyoOptionsSchema>;

/**
 * The optional items of a 住民票の写し: 本籍・筆頭者 exist only for Japanese nationals, 国籍など
 * only for foreign residents, so the center tells the kiosk which apply to this resident.
 */
export const juminhyoItemSchema = z.enum(['honseki', 'relationship', 'myNumber', 'foreignResidentItems']);
export type JuminhyoItem = z.infer<typeof juminhyoItemSchema>;

/** 税証明書: which of the three (所得, 課税・非課税, 納税), or 所得・課税 combined on one sheet. */
export const taxCertificateSchema = z.enum(['income', 'taxation', 'payment', 'income-taxation']);
export type TaxCertificate = z.infer<typeof taxCertificateSchema>;

/** Options of 税証明書: the certificate and the fiscal year (年度, western year). */
export const taxOptionsSchema = z.object({
  certificate: taxCertificateSchema.default('income'),
  fiscalYear: z.number().int(),
});
export type TaxOptions = z.infer<typeof taxOptionsSchema>;

/** Options of 戸籍証明書: 全部事項 or 個人事項 (of the applicant, or of another member of the same 戸籍). */
export const kosekiOptionsSchema = z.object({
  scope: z.enum(['full', 'individual']).default('full'),
  /** 個人事項 of another current member of the applicant's 戸籍 (resident id); default the applicant. */
  memberId: z.string().min(1).optional(),
});
export type KosekiOptions = z.infer<typeof kosekiOptionsSchema>;

/** Options of 戸籍の附票の写し: 全部 or 一部 (the applicant), and 本籍・筆頭者 only when asked for (since 2022-01-11). */
export const fuhyoOptionsSchema = z.object({
  scope: z.enum(['full', 'partial']).default('full'),
  includeHonseki: z.boolean().default(false),
});
export type FuhyoOptions = z.infer<typeof fuhyoOptionsSchema>;
