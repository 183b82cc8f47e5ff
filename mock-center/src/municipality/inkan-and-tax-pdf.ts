import type { Resident } from '@konbini-kofu/fixtures';
import type { TaxOptions } from '@konbini-kofu/center-client';
import { SEAL_RED, type Sheet } from './pdf-kit';
import { fiscalYearJa, incomeYearJa, japaneseDate } from './japanese-calendar';

/** 印鑑登録証明書: the registered seal impression (印影) and the holder. */
export function drawInkan(sheet: Sheet, resident: Resident): string {
  sheet.box(50, 560, 170, 170);
  sheet.text('印影', 56, 716, 9);
  const surname = [...(resident.name.split('　')[0] ?? resident.name)].slice(0, 2);
  sheet.page.drawCircle({ x: 135, y: 645, size: 52, borderColor: SEAL_RED, borderWidth: 3 });
  surname.forEach((c, i) => sheet.text(c, 113, 655 - i * 40, 40, SEAL_RED));
  let y = 730;
  y = sheet.row('氏名', resident.name, y, 34, 230, 315, 80);
  y = sheet.row('フリガナ', resident.kana, y, 34, 230, 315, 80);
  y = sheet.row('生年月日', japaneseDate(resident.birthDate), y, 34, 230, 315, 80);
  sheet.row('性別', resident.sex, y, 34, 230, 315, 80);
  sheet.row('住所', resident.address, 530, 34);
  // The seal register's own serial: My Number may not be used for it (番号法 §19).
  sheet.row('登録番号', `第${resident.sealRegistrationNumber ?? ''}号`, 496, 34);
  return 'これは、登録されている印影と相違ないことを証明します。';
}

const yen = (n: number): string => `${n.toLocaleString('ja-JP')}円`;

/** 給与所得控除 (令和2年分以降) and a simplified 住民税; fictional but internally consistent figures. */
function taxFigures(resident: Resident, fiscalYear: number) {
  const salary = Math.round((resident.salary * (1 - 0.03 * (2025 - fiscalYear))) / 1000) * 1000;
  const deduction = salary <= 1_625_000 ? Math.min(salary, 550_000) : salary <= 1_800_000 ? salary * 0.4 - 100_000 : salary <= 3_600_000 ? salary * 0.3 + 80_000 : salary <= 6_600_000 ? salary * 0.2 + 440_000 : salary <= 8_500_000 ? salary * 0.1 + 1_100_000 : 1_950_000;
  const income = Math.max(0, Math.floor(salary - deduction));
  const taxable = Math.max(0, Math.floor((income - 430_000) / 1000) * 1000);
  const incomeLevy = Math.floor(taxable * 0.1 / 100) * 100;
  const perCapita = income > 450_000 ? 5_000 : 0;
  return { salary, income, taxable, incomeLevy, perCapita, total: incomeLevy + perCapita };
}

const TITLES: Record<TaxOptions['certificate'], string> = { income: '所得証明書', taxation: '課税証明書', payment: '納税証明書', 'income-taxation': '所得・課税証明書' };

export function taxTitle(options: TaxOptions, resident: Resident): string {
  const exempt = taxFigures(resident, options.fiscalYear).total === 0;
  if (options.certificate === 'taxation' && exempt) return '非課税証明書';
  if (options.certificate === 'income-taxation' && exempt) return '所得・非課税証明書';
  return TITLES[options.certificate];
}

/** 税証明書 of one 年度 (所得 / 課税・非課税 / 納税), figures from the previous calendar year. */
export function drawTax(sheet: Sheet, resident: Resident, options: TaxOptions): string {
  const f = taxFigures(resident, options.fiscalYear);
  sheet.centered(`${fiscalYearJa(options.fiscalYear)}（${incomeYearJa(options.fiscalYear - 1)}所得）`, 750, 12);
  let y = 725;
  y = sheet.row('住所', resident.address, y);
  y = sheet.row('氏名', resident.name, y);
  y = sheet.row('生年月日', japaneseDate(resident.birthDate), y) - 16;
  if (options.certificate === 'income') {
    sheet.grid(['給与収入', '給与所得', '合計所得金額', '所得控除額', '課税標準額'], [yen(f.salary), yen(f.income), yen(f.income), yen(430_000), yen(f.taxable)], y);
    return '上記のとおり所得があったことを証明します。';
  }
  if (options.certificate === 'taxation') {
    sheet.grid(['合計所得金額', '課税標準額', '所得割額', '均等割額', '年税額'], [yen(f.income), yen(f.taxable), yen(f.incomeLevy), yen(f.perCapita), yen(f.total)], y);
    return f.total === 0 ? '上記のとおり非課税であることを証明します。' : '上記のとおり課税されていることを証明します。';
  }
  if (options.certificate === 'income-taxation') {
    const next = sheet.grid(['給与収入', '給与所得', '合計所得金額', '所得控除額', '課税標準額'], [yen(f.salary), yen(f.income), yen(f.income), yen(430_000), yen(f.taxable)], y) - 12;
    sheet.grid(['所得割額', '均等割額', '年税額'], [yen(f.incomeLevy), yen(f.perCapita), yen(f.total)], next);
    return f.total === 0 ? '上記のとおり所得があり、非課税であることを証明します。' : '上記のとおり所得があり、課税されていることを証明します。';
  }
  sheet.grid(['税目', '年税額', '納付済額', '未納額', '納期'], ['個人住民税', yen(f.total), yen(f.total), yen(0), '全期'], y);
  return '上記のとおり納付済であることを証明します。';
}
