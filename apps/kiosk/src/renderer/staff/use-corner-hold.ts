import { useEffect } from 'react';

/** How far from the top-left corner a press counts, and how long it must be held. */
export const CORNER_PX = 96;
export const HOLD_MS = 3_000;

/**
 * The discreet way into staff mode: press and hold the screen's top-left corner for 3 seconds.
 * Listened for on the window (no element covers the corner, so residents' taps there still reach
 * what is drawn); a release or a move out of the corner cancels it. A resident's brief taps never
 * open it; the sign-in that follows needs the staff PIN or card anyway.
 */
export function useCornerHold(onHold: () => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const inCorner = (e: PointerEvent) => e.clientX <= CORNER_PX && e.clientY <= CORNER_PX;
    const cancel = () => {
      clearTimeout(timer);
      timer = undefined;
    };
    const down = (e: PointerEvent) => {
      cancel();
      if (inCorner(e)) timer = setTimeout(onHold, HOLD_MS);
    };
    const move = (e: PointerEvent) => {
      if (timer !== undefined && !inCorner(e)) cancel();
    };
    window.addEventListener('pointerdown', down, true);
    window.addEventListener('pointermove', move, true);
    window.addEventListener('pointerup', cancel, true);
    window.addEventListener('pointercancel', cancel, true);
    return () => {
      cancel();
      window.removeEventListener('pointerdown', down, true);
      window.removeEventListener('pointermove', move, true);
      window.removeEventListener('pointerup', cancel, true);
      window.removeEventListener('pointercancel', cancel, true);
    };
  }, [onHold, enabled]);
}
