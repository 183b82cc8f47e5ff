import type { ResidentAction } from '../../shared/resident-action';
import type { Screen } from '../../shared/screen';
import type { Translate } from '../i18n/translate';
import { CertificateOptionsScreen, ChooseCertificateScreen, ConfirmFeeScreen } from './certificate-screens';
import { CancelledScreen, ErrorScreen, ThankYouScreen } from './end-screens';
import { PayingScreen, PrintingScreen, TakeOutputsScreen } from './payment-screens';
import { PinEntryScreen } from './pin-entry-screen';
import { AttractScreen, LiftCardScreen, PlaceCardScreen, TermsScreen, WaitScreen } from './start-screens';

interface Props {
  screen: Screen;
  t: Translate;
  yen: (amount: number) => string;
  send: (action: ResidentAction) => void;
  /** The page of the options screen (one decision per page). */
  optionsPage?: number;
}

/** One component per variant of the flat screen value; nothing here decides anything. */
export function ScreenBody({ screen, optionsPage, ...ui }: Props) {
  switch (screen.name) {
    case 'attract':
      return <AttractScreen screen={screen} {...ui} />;
    case 'terms':
      return <TermsScreen screen={screen} {...ui} />;
    case 'place-card':
      return <PlaceCardScreen screen={screen} {...ui} />;
    case 'reading-card':
      return <WaitScreen titleKey="readingCard.title" hintKey="readingCard.hint" t={ui.t} />;
    case 'pin-entry':
      return <PinEntryScreen screen={screen} {...ui} />;
    case 'authenticating':
      return <WaitScreen titleKey="authenticating.title" hintKey="authenticating.hint" t={ui.t} />;
    case 'lift-card':
      return <LiftCardScreen screen={screen} {...ui} />;
    case 'choose-certificate':
      return <ChooseCertificateScreen screen={screen} {...ui} />;
    case 'certificate-options':
      return <CertificateOptionsScreen screen={screen} optionsPage={optionsPage ?? 0} {...ui} />;
    case 'issuing':
      return <WaitScreen titleKey="issuing.title" hintKey="issuing.hint" t={ui.t} />;
    case 'confirm-fee':
      return <ConfirmFeeScreen screen={screen} {...ui} />;
    case 'paying':
      return <PayingScreen screen={screen} {...ui} />;
    case 'printing':
      return <PrintingScreen screen={screen} {...ui} />;
    case 'take-outputs':
      return <TakeOutputsScreen screen={screen} {...ui} />;
    case 'thank-you':
      return <ThankYouScreen screen={screen} {...ui} />;
    case 'cancelled':
      return <CancelledScreen screen={screen} {...ui} />;
    case 'error':
      return <ErrorScreen screen={screen} {...ui} />;
  }
}
