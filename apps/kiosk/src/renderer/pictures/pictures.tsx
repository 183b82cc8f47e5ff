import { useContext } from 'react';
import type { Coin, Note } from '@konbini-kofu/cash-unit';
import { MediumContext } from './medium-context';

/**
 * Simple line pictures (decorative: the text next to them says the same), drawn in SVG so the
 * bundle needs no image files and they stay sharp on any panel.
 */
export function CardOnReaderPicture({ lifting = false }: { lifting?: boolean }) {
  const medium = useContext(MediumContext);
  if (medium === 'phone') return <PhoneOnReaderPicture lifting={lifting} />;
  return (
    <svg className="picture" viewBox="0 0 320 220" aria-hidden="true">
      <rect x="20" y="150" width="280" height="50" rx="10" fill="#4d4d4d" />
      <rect x="40" y="160" width="240" height="12" rx="4" fill="#9db7f9" />
      <g transform={lifting ? 'translate(0,-60)' : 'translate(0,0)'}>
        <rect x="70" y="70" width="180" height="110" rx="12" fill="#e8f1fe" stroke="#0017c1" strokeWidth="6" />
        <rect x="90" y="95" width="40" height="32" rx="4" fill="#ffc700" stroke="#1a1a1a" strokeWidth="2" />
        <rect x="145" y="95" width="85" height="10" rx="3" fill="#0017c1" />
        <rect x="145" y="115" width="60" height="10" rx="3" fill="#0017c1" />
      </g>
      <path d={lifting ? 'M160 40 L160 0 M140 20 L160 0 L180 20' : 'M160 10 L160 55 M140 35 L160 55 L180 35'} stroke="#1a1a1a" strokeWidth="8" fill="none" strokeLinecap="round" />
    </svg>
  );
}

/** A smartphone lying on the reader, back side down (its screen up, lit). */
export function PhoneOnReaderPicture({ lifting = false }: { lifting?: boolean }) {
  return (
    <svg className="picture" viewBox="0 0 320 220" aria-hidden="true">
      <rect x="20" y="150" width="280" height="50" rx="10" fill="#4d4d4d" />
      <rect x="40" y="160" width="240" height="12" rx="4" fill="#9db7f9" />
      <g transform={lifting ? 'translate(0,-60)' : 'translate(0,0)'}>
        <rect x="95" y="62" width="130" height="118" rx="16" fill="#1a1a1a" />
        <rect x="105" y="72" width="110" height="98" rx="8" fill="#e8f1fe" />
        <rect x="120" y="90" width="80" height="10" rx="3" fill="#0017c1" />
        <rect x="120" y="110" width="55" height="10" rx="3" fill="#0017c1" />
        <circle cx="160" cy="145" r="10" fill="#ffc700" stroke="#1a1a1a" strokeWidth="2" />
      </g>
      <path d={lifting ? 'M160 40 L160 0 M140 20 L160 0 L180 20' : 'M160 10 L160 55 M140 35 L160 55 L180 35'} stroke="#1a1a1a" strokeWidth="8" fill="none" strokeLinecap="round" />
    </svg>
  );
}

export function CertificatePicture() {
  return (
    <svg className="picture" viewBox="0 0 160 200" aria-hidden="true">
      <rect x="20" y="10" width="120" height="170" rx="6" fill="#ffffff" stroke="#1a1a1a" strokeWidth="6" />
      {[45, 70, 95, 120].map((y) => (
        <rect key={y} x="40" y={y} width="80" height="8" rx="3" fill="#7f7f7f" />
      ))}
      <circle cx="110" cy="150" r="14" fill="none" stroke="#ce0000" strokeWidth="5" />
    </svg>
  );
}

export function CardPicture() {
  return (
    <svg className="picture" viewBox="0 0 200 140" aria-hidden="true">
      <rect x="10" y="10" width="180" height="115" rx="12" fill="#e8f1fe" stroke="#0017c1" strokeWidth="6" />
      <rect x="30" y="38" width="40" height="32" rx="4" fill="#ffc700" stroke="#1a1a1a" strokeWidth="2" />
      <rect x="85" y="40" width="85" height="10" rx="3" fill="#0017c1" />
      <rect x="85" y="60" width="60" height="10" rx="3" fill="#0017c1" />
    </svg>
  );
}

export function PhonePicture() {
  return (
    <svg className="picture" viewBox="0 0 200 140" aria-hidden="true">
      <rect x="62" y="4" width="76" height="132" rx="12" fill="#1a1a1a" />
      <rect x="68" y="14" width="64" height="106" rx="6" fill="#e8f1fe" />
      <rect x="78" y="34" width="44" height="8" rx="3" fill="#0017c1" />
      <rect x="78" y="50" width="30" height="8" rx="3" fill="#0017c1" />
      <circle cx="100" cy="96" r="9" fill="#ffc700" stroke="#1a1a1a" strokeWidth="2" />
    </svg>
  );
}

export function ChangePicture() {
  return (
    <svg className="picture" viewBox="0 0 200 140" aria-hidden="true">
      <circle cx="70" cy="80" r="45" fill="#d2a400" stroke="#1a1a1a" strokeWidth="5" />
      <circle cx="130" cy="70" r="40" fill="#b3b3b3" stroke="#1a1a1a" strokeWidth="5" />
      <circle cx="130" cy="70" r="12" fill="#ffffff" stroke="#1a1a1a" strokeWidth="4" />
    </svg>
  );
}

const COIN_COLOURS: Record<Coin, string> = { 10: '#c77f3d', 50: '#cccccc', 100: '#cccccc', 500: '#d2a400' };

/** A coin with its value written on it: size and colour help, the number decides. */
export function CoinPicture({ value }: { value: Coin }) {
  const r = value === 500 ? 46 : value === 100 ? 42 : value === 10 ? 40 : 38;
  return (
    <svg className="money-picture" viewBox="0 0 100 100" aria-hidden="true">
      <circle cx="50" cy="50" r={r} fill={COIN_COLOURS[value]} stroke="#1a1a1a" strokeWidth="3" />
      {value === 50 ? <circle cx="50" cy="72" r="8" fill="#ffffff" stroke="#1a1a1a" strokeWidth="2" /> : null}
      <text x="50" y={value === 50 ? 52 : 60} textAnchor="middle" fontSize="28" fontWeight="700" fill="#1a1a1a">
        {value}
      </text>
    </svg>
  );
}

const NOTE_COLOURS: Record<Note, string> = { 1000: '#c5d7fb', 2000: '#c2e5d1', 5000: '#e6d3f0', 10000: '#f2e0c9' };

export function NotePicture({ value }: { value: Note }) {
  return (
    <svg className="money-picture money-picture--note" viewBox="0 0 180 100" aria-hidden="true">
      <rect x="4" y="8" width="172" height="84" rx="6" fill={NOTE_COLOURS[value]} stroke="#1a1a1a" strokeWidth="3" />
      <circle cx="140" cy="50" r="24" fill="none" stroke="#4d4d4d" strokeWidth="2" />
      <text x="66" y="61" textAnchor="middle" fontSize="30" fontWeight="700" fill="#1a1a1a">
        {value}
      </text>
    </svg>
  );
}

export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}
