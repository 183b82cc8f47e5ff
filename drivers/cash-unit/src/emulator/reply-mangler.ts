/** Fault injection shared by the emulators: what happens to the next replies on the wire. */
export class ReplyMangler {
  private plan: Array<'corrupt' | 'garbage' | 'silent'> = [];
  garbageSent = 0;

  /** The next `n` replies get a flipped checksum byte. */
  corruptNext(n: number): void {
    for (let i = 0; i < n; i++) this.plan.push('corrupt');
  }

  /** The next `n` replies are replaced by random bytes. */
  garbageNext(n: number): void {
    for (let i = 0; i < n; i++) this.plan.push('garbage');
  }

  /** The next `n` requests get no reply at all. */
  silenceNext(n: number): void {
    for (let i = 0; i < n; i++) this.plan.push('silent');
  }

  clear(): void {
    this.plan = [];
  }

  /** Returns the bytes to send instead of `reply` (undefined: send nothing). */
  apply(reply: Uint8Array): Uint8Array | undefined {
    const step = this.plan.shift();
    if (step === undefined) return reply;
    if (step === 'silent') return undefined;
    if (step === 'corrupt') {
      const copy = reply.slice();
      copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 0x5a;
      return copy;
    }
    this.garbageSent += 1;
    return Uint8Array.from({ length: 3 + Math.floor(Math.random() * 8) }, () => Math.floor(Math.random() * 256));
  }
}
