import { useEffect, useState } from 'react';
import type { KioskApi } from '../../shared/kiosk-api';
import type { KioskView } from '../../shared/screen';

export function useKioskView(api: KioskApi): KioskView | undefined {
  const [view, setView] = useState<KioskView>();
  useEffect(() => api.subscribe(setView), [api]);
  return view;
}
