/**
 * Sounds of the kiosk through Web Audio: one identical click for every key (so the sound tells
 * nobody which digit was pressed) and a chime for things left in the trays.
 */
let context: AudioContext | undefined;

function audio(): AudioContext | undefined {
  if (typeof AudioContext === 'undefined') return undefined;
  context ??= new AudioContext();
  return context;
}

function tone(frequency: number, startIn: number, seconds: number): void {
  const ctx = audio();
  if (!ctx) return;
  const oscillator = ctx.createOscillator();
  const gain = ctx.createGain();
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.2, ctx.currentTime + startIn);
  gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + startIn + seconds);
  oscillator.connect(gain).connect(ctx.destination);
  oscillator.start(ctx.currentTime + startIn);
  oscillator.stop(ctx.currentTime + startIn + seconds);
}

export function playKeyClick(): void {
  tone(880, 0, 0.06);
}

export function playChime(): void {
  tone(660, 0, 0.4);
  tone(880, 0.35, 0.6);
}
