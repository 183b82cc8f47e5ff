import type { PcscCardReaderOptions } from './pcsc-card-reader';

/**
 * Which PC/SC reader names the kiosk may use. The configured filter is a regular expression
 * matched case-insensitively anywhere in the name, as the deployment guide documents
 * (`PaSoRi|ACR1252` matches "Sony FeliCa Port/PaSoRi 4.0 00 00" and "ACS ACR1252 Dual Reader [ACR1252 Dual Reader PICC] 00 00").
 * A filter that is not a valid expression throws here, at start-up, not at the first card.
 */
export function readerMatcher(options: Pick<PcscCardReaderOptions, 'readerNameFilter' | 'readerName'>): (readerName: string) => boolean {
  const filter = options.readerNameFilter;
  if (filter instanceof RegExp) {
    // A global or sticky expression keeps lastIndex between test() calls: match on a stateless copy.
    const pattern = new RegExp(filter.source, filter.flags.replace(/[gy]/g, ''));
    return (name) => pattern.test(name);
  }
  if (filter !== undefined && filter !== '') {
    const pattern = new RegExp(filter, 'i');
    return (name) => pattern.test(name);
  }
  const prefix = options.readerName;
  if (prefix !== undefined) return (name) => name.startsWith(prefix);
  return () => true;
}
