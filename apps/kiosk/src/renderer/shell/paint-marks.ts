import { useEffect } from 'react';

/**
 * Marks when a screen has been painted (the frame after React committed it), for the
 * benchmark's "touch → next screen painted" and "cold start → attract" figures.
 */
export function usePaintMark(screenName: string, sequence: number): void {
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      // The second callback runs after the frame with the new screen was produced.
      setTimeout(() => performance.mark(`kiosk:painted:${screenName}`, { detail: { sequence } }), 0);
    });
    return () => cancelAnimationFrame(frame);
  }, [screenName, sequence]);
}
