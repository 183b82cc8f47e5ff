import type { ResidentAction } from '../../shared/resident-action';
import type { ReceiptState } from '../../shared/screen';
import type { Translate } from '../i18n/translate';
import { Spinner } from '../pictures/pictures';

/**
 * The optional receipt (利用明細 兼 領収書) at the end of an issued visit: a button while it is
 * offered (key 0 on a keypad), then what became of it. Nothing when the kiosk has no receipts.
 */
export function ReceiptOffer({ receipt, t, send }: { receipt: ReceiptState | undefined; t: Translate; send: (action: ResidentAction) => void }) {
  switch (receipt) {
    case undefined:
      return null;
    case 'offered':
      return (
        <button type="button" className="button receipt-offer" onClick={() => send({ type: 'PRINT_RECEIPT' })}>
          {t('receipt.offer')}
        </button>
      );
    case 'printing':
      return (
        <p className="notice notice--info receipt-offer" role="status">
          <Spinner /> {t('receipt.printing')}
        </p>
      );
    case 'printed':
      return (
        <p className="notice notice--info receipt-offer" role="status">
          {t('receipt.printed')}
        </p>
      );
    case 'failed':
      return (
        <p className="notice notice--warning receipt-offer" role="status">
          {t('receipt.failed')}
        </p>
      );
  }
}
