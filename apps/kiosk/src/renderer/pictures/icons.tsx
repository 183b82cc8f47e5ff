/**
 * Icons drawn in SVG: the shipped font has no emoji and the kiosk must not depend on the OS
 * for them. Decorative — the text beside each icon carries the meaning.
 */
type IconName = 'speaker' | 'speaker-off' | 'globe' | 'bell' | 'warning' | 'cross' | 'check' | 'back' | 'forward';

const PATHS: Record<IconName, string> = {
  speaker: 'M3 9h4l5-4v14l-5-4H3z M15 8.5a5 5 0 0 1 0 7 M17.5 6a8.5 8.5 0 0 1 0 12',
  'speaker-off': 'M3 9h4l5-4v14l-5-4H3z M15 9l6 6 M21 9l-6 6',
  globe: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M3 12h18 M12 3c3 3 3 15 0 18 M12 3c-3 3-3 15 0 18',
  bell: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4z M10 20a2 2 0 0 0 4 0',
  warning: 'M12 3L2 20h20z M12 9v5 M12 16.5v1',
  cross: 'M6 6l12 12 M18 6L6 18',
  check: 'M4 12.5l5 5L20 6.5',
  back: 'M15 5l-8 7 8 7z',
  forward: 'M9 5l8 7-8 7z',
};

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round">
      <path d={PATHS[name]} />
    </svg>
  );
}
