import { staffEn } from './en';
import { staffJa, type StaffMessageKey } from './ja';

export type StaffLanguage = 'ja' | 'en';
export type StaffTranslate = (key: StaffMessageKey, params?: Record<string, string | number>) => string;

const tables = { ja: staffJa, en: staffEn } as const;

export function staffTranslator(language: StaffLanguage): StaffTranslate {
  return (key, params = {}) => tables[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}
