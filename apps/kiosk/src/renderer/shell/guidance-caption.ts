import type { KioskView, OutputItem } from '../../shared/screen';
import type { Translate } from '../i18n/translate';
import { outputName } from '../screens/payment-screens';

/** Names joined the way the language lists things (「カード、証明書、おつり」, "card and change"). */
export function listOf(names: string[], t: Translate): string {
  return names.join(t('list.separator'));
}

/**
 * The one guidance sentence of the screen as it really is: the take-outputs sentence names
 * only what is still there, and an error says its own reason instead of "read the screen".
 */
export function captionOf(view: KioskView, t: Translate): string {
  const screen = view.screen;
  switch (screen.name) {
    case 'take-outputs': {
      const items: OutputItem[] = screen.pending.length > 0 ? screen.pending : [];
      return items.length > 0 ? t('guidance.take-outputs', { items: listOf(items.map((i) => outputName(i, screen.ending, t)), t) }) : t('take.title');
    }
    case 'error':
      return t(screen.messageKey);
    default:
      return t(view.guidanceKey);
  }
}
