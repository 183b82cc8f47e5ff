/** Picks commands by their bytes, e.g. `(apdu) => apdu[1] === 0xa4` for every SELECT. */
export type ApduPredicate = (apdu: Uint8Array) => boolean;

/**
 * How a hostile or broken card misbehaves on vpcd's reader, beyond being lifted: it stays on the
 * reader (pcscd keeps reporting it present) while its answers are wrong.
 * - silent: from the first command `from` picks (default: the next one), no answer ever again, until lifted;
 * - oversized: an answer of `bytes` bytes (data + 9000) to each command `when` picks (default: all),
 *   more than any short APDU response may carry.
 * A slow card is `VpcdCardSlot.responseDelayMs`; a garbage certificate is card content (testing/hostile-cards.ts).
 */
export type CardMisbehaviour = { kind: 'silent'; from?: ApduPredicate } | { kind: 'oversized'; bytes: number; when?: ApduPredicate };

/** What the slot does with one command while a misbehaviour is set. */
export type MisbehaviourOutcome = { kind: 'answer-normally' } | { kind: 'no-answer' } | { kind: 'answer'; response: Uint8Array };

export class MisbehaviourState {
  private silenced = false;

  constructor(readonly misbehaviour: CardMisbehaviour) {}

  outcomeFor(apdu: Uint8Array): MisbehaviourOutcome {
    const m = this.misbehaviour;
    if (m.kind === 'silent') {
      if (!this.silenced && (m.from?.(apdu) ?? true)) this.silenced = true;
      return this.silenced ? { kind: 'no-answer' } : { kind: 'answer-normally' };
    }
    if (!(m.when?.(apdu) ?? true)) return { kind: 'answer-normally' };
    const response = new Uint8Array(Math.max(2, m.bytes)).fill(0x5a);
    response.set([0x90, 0x00], response.length - 2);
    return { kind: 'answer', response };
  }
}
