import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAntiForgery, verifyIssuedDocument, type IssueRequest } from '@konbini-kofu/center-client';
import { FICTIONAL, findResident, type Resident } from '@konbini-kofu/fixtures';
import { fiscalYearJa, incomeYearJa, issueDateJa } from './municipality/japanese-calendar';
import { jstTime } from './rules/jst-time';
import { newestTaxYear } from './rules/service-calendar';
import { pdfText, scratchDir, startTestCenter, TestClock, type TestCenter } from './test-support/test-center';

/** Every certificate kind and option, issued over HTTPS + mTLS; pdftotext must find the Japanese fields. */
let t: TestCenter;
beforeAll(async () => {
  t = await startTestCenter({ renderWorkers: 1 });
});
afterAll(() => t.close());

type Case = [string, string, Omit<IssueRequest, 'sessionId' | 'requestId' | 'copies'> & { copies?: number }, { fee: number; issuer: string; fields: string[]; absent?: string[] }];

const self = { scope: 'self', includeHonseki: false, includeRelationship: false, includeMyNumber: false, includeForeignResidentItems: false } as const;
const resident = (id: string): Resident => {
  const r = findResident(id);
  if (!r) throw new Error(id);
  return r;
};
// Tax years follow the test clock's date (the newest 年度 changes in June).
const newest = newestTaxYear(jstTime(new TestClock().ms));
const { mihon, shiken, reiji, hinagata } = FICTIONAL;
const SAMPLE = ['見本', 'SAMPLE'];

const cases: Case[] = [
  ['住民票 本人, no options', 'yamada-taro', { kind: 'juminhyo', juminhyo: self }, { fee: 200, issuer: mihon, fields: [...SAMPLE, '住民票の写し', '（本人）', '山田　太郎', 'ヤマダ　タロウ', '昭和33年4月12日', '架空県見本市本町一丁目2番3号', '住所を定めた日平成4年10月1日', '見本市長　架空　一郎', 'この写しは、住民票の原本と相違ないことを証明する。'], absent: ['個人番号', '本籍', '続柄', '山田　花子', '住民票コード', '交付番号'] }],
  ['住民票 世帯全員 with every option where 個人番号 is allowed, 3 copies', 'mochizuki-takeshi', { kind: 'juminhyo', copies: 3, juminhyo: { scope: 'household', includeHonseki: true, includeRelationship: true, includeMyNumber: true, includeForeignResidentItems: false, includeJuminhyoCode: true } }, { fee: 600, issuer: reiji, fields: ['（世帯全員）', '世帯主', '望月　武', '望月　陽子', '望月　翔', '望月　凜', '続柄', '妻', '個人番号／住民票コード', resident('mochizuki-yoko').myNumber, resident('mochizuki-rin').juminhyoCode, '本籍／筆頭者', '架空県例示市城東一丁目18番地', '筆頭者望月　武', '世帯全員の住民票の原本と相違ない', '例示市長　例野　正人'] }],
  ['住民票 世帯の一部 with 住民票コード', 'yamada-taro', { kind: 'juminhyo', juminhyo: { ...self, scope: 'members', memberIds: ['yamada-hanako', 'yamada-sora'], includeJuminhyoCode: true } }, { fee: 200, issuer: mihon, fields: ['（世帯の一部）', '山田　花子', '山田　空', '住民票コード', resident('yamada-hanako').juminhyoCode, resident('yamada-sora').juminhyoCode, '世帯の一部の住民票の原本と相違ない'], absent: ['山田　健太', '山田　美咲', '個人番号'] }],
  ['住民票 in a 政令指定都市: the 区長 certifies; children born in 令和', 'sato-kenji', { kind: 'juminhyo', juminhyo: { ...self, scope: 'household', includeRelationship: true } }, { fee: 250, issuer: FICTIONAL.kaku, fields: ['佐藤　陽翔', '令和2年8月10日', '佐藤　結衣', '令和5年2月14日', '前住所', '架空県試験市北区梅園一丁目3番20号', '架空市中区長　仮野　見子'], absent: ['架空市長'] }],
  ['住民票 of a 中長期在留者: 西暦, 30条45区分, 在留資格・期間・満了日', 'nguyen-van-an', { kind: 'juminhyo', juminhyo: { ...self, includeForeignResidentItems: true } }, { fee: 200, issuer: mihon, fields: ['NGUYEN VAN AN', '1994年2月14日', '2019年4月1日', '国籍・地域', 'ベトナム', '30条45規定区分', '中長期在留者', '在留資格', '技術・人文知識・国際業務', '在留期間', '5年', '在留期間の満了の日', '2028年3月31日', '在留カード等の番号', 'AB12345678CD'], absent: ['平成6年', '令和10年'] }],
  ['住民票 of a 永住者: no period, no 満了日', 'smith-john', { kind: 'juminhyo', juminhyo: { ...self, includeForeignResidentItems: true } }, { fee: 200, issuer: reiji, fields: ['SMITH JOHN', '1980年12月1日', '中長期在留者', '永住者', 'US11223344AB'], absent: ['在留期間', '満了', '昭和55年'] }],
  ['住民票 of a 特別永住者: no 在留資格, its own certificate number', 'kim-minji', { kind: 'juminhyo', juminhyo: { ...self, includeForeignResidentItems: true } }, { fee: 300, issuer: shiken, fields: ['金　敏智', '1988年11月2日', '特別永住者', '特別永住者証明書番号', 'KR98765432ZY', '試験市南区長　南野　験'], absent: ['在留資格', '在留期間', '在留カード'] }],
  ['住民票記載事項証明書, addressed to the 提出先', 'mochizuki-yoko', { kind: 'juminhyo-kisai' }, { fee: 200, issuer: reiji, fields: ['住民票記載事項証明書', '（提出先）', '様', '望月　陽子', '世帯主／続柄', '望月　武', '妻', '住民となった日', '平成11年10月10日', '住所を定めた日', '平成13年3月10日', '上記の事項は、住民票に記載されていることを証明する。', '例示市長　例野　正人'], absent: ['例示市長様'] }],
  ['印鑑登録証明書 with its own 登録番号', 'yamada-taro', { kind: 'inkan' }, { fee: 200, issuer: mihon, fields: ['印鑑登録証明書', '印影', '山田　太郎', '登録番号', `第${resident('yamada-taro').sealRegistrationNumber}号`, 'これは、登録されている印影と相違ないことを証明します。'], absent: [resident('yamada-taro').myNumber.slice(4, 10)] }],
  ['所得証明書 of the newest 年度', 'yamada-taro', { kind: 'tax', tax: { certificate: 'income', fiscalYear: newest } }, { fee: 300, issuer: mihon, fields: ['所得証明書', fiscalYearJa(newest), `${incomeYearJa(newest - 1)}所得`, '給与収入', '上記のとおり所得があったことを証明します。', '見本市長　架空　一郎'] }],
  ['課税証明書 two 年度 back', 'sasaki-nao', { kind: 'tax', tax: { certificate: 'taxation', fiscalYear: newest - 2 } }, { fee: 800, issuer: hinagata, fields: ['課税証明書', fiscalYearJa(newest - 2), '所得割額', '均等割額', '課税されていることを証明します。', '雛形市長　雛野　北斗'] }],
  ['非課税証明書 (no income)', 'yamada-hanako', { kind: 'tax', tax: { certificate: 'taxation', fiscalYear: newest - 1 } }, { fee: 300, issuer: mihon, fields: ['非課税証明書', fiscalYearJa(newest - 1), '非課税であることを証明します。'] }],
  ['納税証明書 in a 政令指定都市: the 市長 certifies tax', 'kim-minji', { kind: 'tax', tax: { certificate: 'payment', fiscalYear: newest } }, { fee: 350, issuer: shiken, fields: ['納税証明書', '個人住民税', '納付済額', '金　敏智', '試験市長　試野　健'], absent: ['区長'] }],
  ['所得・課税証明書 (combined)', 'yamada-taro', { kind: 'tax', tax: { certificate: 'income-taxation', fiscalYear: newest } }, { fee: 300, issuer: mihon, fields: ['所得・課税証明書', '給与収入', '合計所得金額', '所得割額', '年税額', '所得があり、課税されていることを証明します。'] }],
  ['戸籍 全部事項: 戸籍事項, 身分事項, 父母と続柄, 配偶者, 除籍; no 孫', 'yamada-taro', { kind: 'koseki', koseki: { scope: 'full' } }, { fee: 350, issuer: mihon, fields: [...SAMPLE, '戸籍証明書', '（全部事項証明）', '本籍', '架空県見本市本町一丁目2番地', '氏名山田　太郎', '戸籍事項', '戸籍編製', '【編製日】昭和60年4月20日', '戸籍改製', '【改製日】平成20年3月1日', '【名】太郎', '【生年月日】昭和33年4月12日', '【配偶者区分】夫', '【父】山田　一郎', '【母】山田　春子', '【続柄】長男', '身分事項', '出生', '【出生日】昭和33年4月12日', '【出生地】架空県見本市', '婚姻', '【婚姻日】昭和60年4月20日', '【配偶者氏名】鈴木　花子', '【名】花子', '【配偶者区分】妻', '【続柄】長女', '【名】健太', '除籍', '【新本籍】架空県見本市緑町三丁目4番地', '以下余白', '戸籍に記録されている事項の全部を証明した書面である。', '見本市長　架空　一郎'], absent: ['【名】空', '孫', '筆頭者'] }],
  ['戸籍 全部事項 of a 政令指定都市 本籍: the 区長 certifies; children born in 令和', 'sato-kenji', { kind: 'koseki' }, { fee: 450, issuer: shiken, fields: ['【編製日】平成28年11月22日', '【名】健二', '【続柄】二男', '【名】陽翔', '【生年月日】令和2年8月10日', '【続柄】長男', '【送付を受けた日】令和2年8月21日', '【受理者】架空県架空市中区長', '【名】結衣', '【生年月日】令和5年2月14日', '【続柄】長女', '試験市北区長　北野　試'], absent: ['試験市長'] }],
  ['戸籍 個人事項 of the applicant', 'yamada-hanako', { kind: 'koseki', koseki: { scope: 'individual' } }, { fee: 350, issuer: mihon, fields: ['（個人事項証明）', '氏名山田　太郎', '【名】花子', '【婚姻日】昭和60年4月20日', '一部の者について記録されている事項を証明'], absent: ['【名】太郎', '【名】健太'] }],
  ['戸籍 個人事項 of another member of the same 戸籍', 'mochizuki-takeshi', { kind: 'koseki', koseki: { scope: 'individual', memberId: 'mochizuki-rin' } }, { fee: 400, issuer: reiji, fields: ['（個人事項証明）', '【名】凜', '【生年月日】平成29年8月8日', '【続柄】長女', '【父】望月　武'], absent: ['【名】武', '【名】翔'] }],
  ['戸籍 after a 転籍: 戸籍事項 shows the 転籍, not a 編製', 'okada-yu', { kind: 'koseki' }, { fee: 400, issuer: reiji, fields: ['転籍', '【転籍日】令和3年4月1日', '【従前本籍】架空県仮想市栄町五丁目5番地', '【名】悠', '分籍', '【分籍日】平成27年5月1日', '例示市長　例野　正人'], absent: ['戸籍編製'] }],
  ['戸籍 from the 本籍地 after 利用登録 (模擬市 resident, 見本市 本籍)', 'inoue-daiki', { kind: 'koseki' }, { fee: 350, issuer: mihon, fields: ['戸籍証明書', '井上　大輝', '見本市長　架空　一郎'] }],
  ['戸籍の附票 全部, 本籍・筆頭者 left out (2022 form): every member with address history', 'sato-kenji', { kind: 'koseki-fuhyo' }, { fee: 300, issuer: shiken, fields: ['戸籍の附票の写し', '（全部）', '附票に記録されている者', '【氏名】佐藤　健二', '【生年月日】昭和60年1月20日', '【性別】男', '【住所】架空県試験市北区梅園一丁目3番20号', '【住所を定めた年月日】平成28年11月22日', '【住所】架空県架空市中区海岸通六丁目50番地10', '【住所を定めた年月日】平成28年12月1日', '【氏名】佐藤　美香', '【氏名】佐藤　陽翔', '【氏名】佐藤　結衣', '試験市北区長　北野　試'], absent: ['本籍', '筆頭者'] }],
  ['戸籍の附票 一部 with 本籍・筆頭者 on request', 'sato-kenji', { kind: 'koseki-fuhyo', fuhyo: { scope: 'partial', includeHonseki: true } }, { fee: 300, issuer: shiken, fields: ['（一部）', '本籍', '架空県試験市北区梅園一丁目3番地', '筆頭者', '佐藤　健二', '戸籍の附票の原本の一部と相違ない'], absent: ['佐藤　陽翔', '佐藤　美香'] }],
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
    // One document number, printed once (no second 交付番号 of the same document).
    expect(flat.split(doc.value.documentNumber).length - 1).toBe(1);
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
