import type { OutputItem } from '../../shared/screen';

/** Where each output comes out on the kiosk's front (the picture and the numbered list match). */
const PLACES: Record<OutputItem, { x: number; y: number; w: number; h: number }> = {
  card: { x: 232, y: 150, w: 70, h: 60 },
  certificate: { x: 70, y: 262, w: 180, h: 40 },
  change: { x: 222, y: 330, w: 80, h: 44 },
};

/**
 * The kiosk seen from the front: screen, card reader beside it, the certificate outlet below
 * and the coin tray. Each place still holding something is outlined thickly and carries the
 * number of its line in the list next to the picture (number and outline, never colour alone).
 */
export function KioskFrontPicture({ items }: { items: readonly OutputItem[] }) {
  return (
    <svg className="picture picture--kiosk" viewBox="0 0 340 400" aria-hidden="true">
      <rect x="30" y="20" width="290" height="370" rx="14" fill="#f2f2f2" stroke="#1a1a1a" strokeWidth="4" />
      <rect x="55" y="45" width="160" height="180" rx="6" fill="#e8f1fe" stroke="#1a1a1a" strokeWidth="3" />
      {(Object.keys(PLACES) as OutputItem[]).map((item) => {
        const p = PLACES[item];
        const n = items.indexOf(item);
        const pending = n >= 0;
        return (
          <g key={item}>
            <rect x={p.x} y={p.y} width={p.w} height={p.h} rx="6" fill={pending ? '#ffffff' : '#d9d9d9'} stroke="#1a1a1a" strokeWidth={pending ? 8 : 2} strokeDasharray={pending ? undefined : '6 4'} />
            {pending ? (
              <g>
                <circle cx={p.x} cy={p.y} r="20" fill="#0017c1" stroke="#ffffff" strokeWidth="3" />
                <text x={p.x} y={p.y + 9} textAnchor="middle" fontSize="26" fontWeight="700" fill="#ffffff">
                  {n + 1}
                </text>
              </g>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
