import type { ResidentAction } from '../../shared/resident-action';
import type { Screen, ScreenName } from '../../shared/screen';
import type { Translate } from '../i18n/translate';

/** What every screen gets: its slice of the flat screen value, texts, and the one output. */
export interface ScreenProps<N extends ScreenName> {
  screen: Extract<Screen, { name: N }>;
  t: Translate;
  yen: (amount: number) => string;
  send: (action: ResidentAction) => void;
}
