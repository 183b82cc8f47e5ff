import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAntiForgery, verifyIssuedDocument, type IssueRequest } from '@konbini-kofu/center-client';
import { issueDateJa } from './municipality/japanese-calendar';
import { pdfText, scratchDir, startTestCenter, type TestCenter } from './test-support/test-center';

/** Every certificate kind and option, issued over HTTPS + mTLS; pdftotext must find the Japanese fields. */
let t: TestCenter;
beforeAll(async () => {
  t = await startTestCenter({ renderWorkers: 1 });
});
afterAll(() => t.close());

type Case = [string, string, Omit<IssueRequest, 'sessionId' | 'requestId' | 'copies'> & { copies?: number }, { fee: number; issuer: string; fields: string[]; absent?: string[] }];

const self = { scope: 'self', includeHonseki: false, includeRelationship: false, includeMyNumber: false, includeForeignResidentItems: false } as const;

const cases: Case[] = [
  ['住民票 本人, no options', 'yamada-taro', { kind: 'juminhyo', juminhyo: self }, { fee: 200, issuer: '131016', fields: ['住民票の写し', '（本人）', '山田　太郎', 'ヤマダ　タロウ', '昭和33年4月12日', '東京都千代田区霞が関一丁目2番3号', '千代田区長　山田一郎', 'この写しは、住民票の原本と相違ないことを証明する。'], absent: ['個人番号', '本籍', '続柄', '山田　花子'] }],
  ['住民票 世帯全員 with every option, 3 copies', 'mochizuki-takeshi', { kind: 'juminhyo', copies: 3, juminhyo: { scope: 'household', includeHonseki: true, includeRelationship: true, includeMyNumber: true, includeForeignResidentItems: false } }, { fee: 600, issuer: '192015', fields: ['（世帯全員）', '世帯主', '望月　武', '望月　陽子', '望月　翔', '望月　凜', '続柄', '妻', '個人番号', '本籍／筆頭者', '山梨県甲府市丸の内一丁目18番', '世帯全員の住民票の原本と相違ない', '甲府市長　望月正人'] }],
  ['住民票 of a foreign resident with 国籍・在留 items', 'nguyen-van-an', { kind: 'juminhyo', juminhyo: { ...self, includeForeignResidentItems: true } }, { fee: 200, issuer: '131016', fields: ['NGUYEN VAN AN', '国籍・地域', 'ベトナム', '在留カード等の番号', 'AB12345678CD', '在留資格', '技術・人文知識・国際業務', '在留期間等の満了の日', '令和10年3月31日'] }],
  ['住民票記載事項証明書', 'mochizuki-yoko', { kind: 'juminhyo-kisai' }, { fee: 200, issuer: '192015', fields: ['住民票記載事項証明書', '望月　陽子', '住民となった日', '上記の事項は、住民票に記載されていることを証明する。'] }],
  ['印鑑登録証明書', 'yamada-taro', { kind: 'inkan' }, { fee: 200, issuer: '131016', fields: ['印鑑登録証明書', '印影', '山田　太郎', '登録番号', 'これは、登録されている印影と相違ないことを証明します。'] }],
  ['所得証明書 令和7年度', 'yamada-taro', { kind: 'tax', tax: { certificate: 'income', fiscalYear: 2025 } }, { fee: 300, issuer: '131016', fields: ['所得証明書', '令和7年度', '令和6年分所得', '給与収入', '6,800,000円', '上記のとおり所得があったことを証明します。'] }],
  ['課税証明書 令和6年度 (taxYear shorthand is 所得)', 'sasaki-nao', { kind: 'tax', tax: { certificate: 'taxation', fiscalYear: 2024 } }, { fee: 800, issuer: '011002', fields: ['課税証明書', '令和6年度', '所得割額', '均等割額', '課税されていることを証明します。', '札幌市長　佐々木北斗'] }],
  ['非課税証明書 (no income)', 'yamada-hanako', { kind: 'tax', tax: { certificate: 'taxation', fiscalYear: 2024 } }, { fee: 300, issuer: '131016', fields: ['非課税証明書', '令和6年度', '非課税であることを証明します。'] }],
  ['納税証明書', 'kim-minji', { kind: 'tax', tax: { certificate: 'payment', fiscalYear: 2025 } }, { fee: 350, issuer: '271004', fields: ['納税証明書', '個人住民税', '納付済額', '金　敏智'] }],
  ['戸籍 全部事項 (住所地 = 本籍地)', 'yamada-taro', { kind: 'koseki', koseki: { scope: 'full' } }, { fee: 350, issuer: '131016', fields: ['戸籍証明書', '（全部事項証明）', '本籍', '東京都千代田区霞が関一丁目2番', '山田　太郎', '【名】太郎', '【名】花子', '【名】空', '戸籍に記録されている事項の全部を証明した書面である。'] }],
  ['戸籍 個人事項', 'yamada-hanako', { kind: 'koseki', koseki: { scope: 'individual' } }, { fee: 350, issuer: '131016', fields: ['（個人事項証明）', '【名】花子', '山田　太郎', '一部の者について記録されている事項を証明'], absent: ['【名】太郎'] }],
  ['戸籍 from the 本籍地 after 利用登録 (福岡市 resident, 千代田区 本籍)', 'inoue-daiki', { kind: 'koseki' }, { fee: 350, issuer: '131016', fields: ['戸籍証明書', '井上　大輝', '東京都千代田区霞が関一丁目2番', '千代田区長　山田一郎'] }],
  ['戸籍の附票の写し from the 本籍地 (横浜市 resident, 大阪市 本籍)', 'sato-kenji', { kind: 'koseki-fuhyo' }, { fee: 300, issuer: '271004', fields: ['戸籍の附票の写し', '大阪府大阪市北区中之島一丁目3番', '佐藤　健二', '神奈川県横浜市中区本町六丁目50番地10', '住所を定めた年月日', '大阪市長　鈴木健'] }],
];

describe('certificate kinds', () => {
  it.each(cases)('%s', async (_name, card, request, expected) => {
    const s = await t.kiosk.authenticate(card);
    if (!s.ok) throw new Error(JSON.stringify(s.error));
    const doc = await t.kiosk.issue(s.value.sessionId, request);
    if (!doc.ok) throw new Error(JSON.stringify(doc.error));
    expect(doc.value).toMatchObject({ kind: request.kind, fee: expected.fee, copies: request.copies ?? 1, municipality: { code: expected.issuer } });
    expect(verifyIssuedDocument(doc.value, t.pki.centerSigning.publicKeyPem)).toBe(true);
    // The drawn-text hash equals what buildAntiForgery (pdftotext) makes: the whole anti-forgery data is identical.
    const { documentNumber, kind, municipality, issuedAt, copies } = doc.value;
    const reference = buildAntiForgery(Buffer.from(doc.value.pdf, 'base64'), { documentNumber, kind, municipality, issuedAt, copies }, t.pki.centerSigning.privateKeyPem, t.pki.centerSigning.keyId);
    expect(doc.value.antiForgery).toEqual(reference);
    const text = pdfText(doc.value.pdf).replace(/[ \t]+/g, (m) => (m.includes('\u3000') ? '\u3000' : ' '));
    const flat = text.replace(/\s+/g, '');
    for (const field of expected.fields) expect(flat, field).toContain(field.replace(/\s+/g, ''));
    for (const field of expected.absent ?? []) expect(flat, field).not.toContain(field.replace(/\s+/g, ''));
    expect(flat).toContain(issueDateJa(new Date(t.clock.ms)));
    expect(flat).toContain(`発行番号${doc.value.documentNumber}`);
    expect(doc.value.documentNumber).toMatch(new RegExp(`^${expected.issuer}-\\d{4}-\\d{6}$`));
  });

  it('draws the glyphs (not only a text layer) and the red seal, on A4', async () => {
    const s = await t.kiosk.authenticate('yamada-taro');
    if (!s.ok) throw new Error('no session');
    const doc = await t.kiosk.issue(s.value.sessionId, { kind: 'juminhyo' });
    if (!doc.ok) throw new Error('no document');
    const dir = scratchDir('render-');
    writeFileSync(join(dir, 'doc.pdf'), Buffer.from(doc.value.pdf, 'base64'));
    execFileSync('pdftoppm', ['-r', '40', '-png', '-singlefile', join(dir, 'doc.pdf'), join(dir, 'page')]);
    const png = PNG.sync.read(readFileSync(join(dir, 'page.png')));
    rmSync(dir, { recursive: true, force: true });
    // A4 at 40 dpi: 331 × 468 pixels.
    expect([png.width, png.height]).toEqual([331, 468]);
    let titleInk = 0;
    let red = 0;
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        const i = (y * png.width + x) * 4;
        const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
        // The title 住民票の写し (22 pt, centred near the top) has no rules around it: ink there is glyphs.
        if (y >= 25 && y <= 50 && x >= 90 && x <= 240 && r < 128 && g < 128 && b < 128) titleInk++;
        if (r > 150 && g < 90 && b < 90) red++;
      }
    }
    expect(titleInk).toBeGreaterThan(80);
    expect(red).toBeGreaterThan(100);
  });
});
