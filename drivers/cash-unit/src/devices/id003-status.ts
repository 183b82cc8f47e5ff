import type { Note } from '../cash-unit';
import { Id003FailureCode, Id003RejectReason, Id003Status, YEN_ESCROW_CODES } from '../protocol/id003-codes';
import type { Id003Frame } from '../protocol/id003-frames';

export type ValidatorFault = 'jam-in-acceptor' | 'jam-in-stacker' | 'stacker-full' | 'stacker-open' | 'cheated' | 'failure' | 'pause';

/** An ID-003 status reply, as the driver reasons about it. */
export type ValidatorStatus =
  | { kind: 'idle' }
  | { kind: 'disabled' }
  | { kind: 'busy'; what: 'accepting' | 'stacking' | 'stacked' | 'returning' | 'holding' | 'initializing' }
  | { kind: 'escrow'; note: Note }
  | { kind: 'escrow-unknown'; code: number }
  | { kind: 'vend-valid' }
  | { kind: 'rejecting'; reason: string }
  | { kind: 'power-up'; billInside: 'none' | 'acceptor' | 'stacker' }
  | { kind: 'fault'; fault: ValidatorFault; detail: string }
  | { kind: 'protocol'; what: 'ack' | 'communication-error' | 'invalid-command' | 'unknown'; code: number };

/** Pure mapping from a status frame to what it means for the driver (tested byte by byte). */
export function interpretId003Status(frame: Id003Frame, escrowCodes: ReadonlyMap<number, Note> = YEN_ESCROW_CODES): ValidatorStatus {
  const data0 = frame.data[0];
  switch (frame.command) {
    case Id003Status.idling:
      return { kind: 'idle' };
    case Id003Status.disabled:
      return { kind: 'disabled' };
    case Id003Status.accepting:
      return { kind: 'busy', what: 'accepting' };
    case Id003Status.stacking:
      return { kind: 'busy', what: 'stacking' };
    case Id003Status.stacked:
      return { kind: 'busy', what: 'stacked' };
    case Id003Status.returning:
      return { kind: 'busy', what: 'returning' };
    case Id003Status.holding:
      return { kind: 'busy', what: 'holding' };
    case Id003Status.initialize:
      return { kind: 'busy', what: 'initializing' };
    case Id003Status.escrow: {
      const note = data0 === undefined ? undefined : escrowCodes.get(data0);
      return note === undefined ? { kind: 'escrow-unknown', code: data0 ?? -1 } : { kind: 'escrow', note };
    }
    case Id003Status.vendValid:
      return { kind: 'vend-valid' };
    case Id003Status.rejecting:
      return { kind: 'rejecting', reason: Id003RejectReason[data0 ?? -1] ?? `reject code ${data0 ?? '?'}` };
    case Id003Status.powerUp:
      return { kind: 'power-up', billInside: 'none' };
    case Id003Status.powerUpWithBillInAcceptor:
      return { kind: 'power-up', billInside: 'acceptor' };
    case Id003Status.powerUpWithBillInStacker:
      return { kind: 'power-up', billInside: 'stacker' };
    case Id003Status.stackerFull:
      return { kind: 'fault', fault: 'stacker-full', detail: 'stacker full' };
    case Id003Status.stackerOpen:
      return { kind: 'fault', fault: 'stacker-open', detail: 'stacker open' };
    case Id003Status.jamInAcceptor:
      return { kind: 'fault', fault: 'jam-in-acceptor', detail: 'jam in acceptor' };
    case Id003Status.jamInStacker:
      return { kind: 'fault', fault: 'jam-in-stacker', detail: 'jam in stacker' };
    case Id003Status.pause:
      return { kind: 'fault', fault: 'pause', detail: 'pause (second bill inserted)' };
    case Id003Status.cheated:
      return { kind: 'fault', fault: 'cheated', detail: 'cheated' };
    case Id003Status.failure:
      return { kind: 'fault', fault: 'failure', detail: Id003FailureCode[data0 ?? -1] ?? `failure code ${data0 ?? '?'}` };
    case Id003Status.ack:
      return { kind: 'protocol', what: 'ack', code: frame.command };
    case Id003Status.communicationError:
      return { kind: 'protocol', what: 'communication-error', code: frame.command };
    case Id003Status.invalidCommand:
      return { kind: 'protocol', what: 'invalid-command', code: frame.command };
    default:
      return { kind: 'protocol', what: 'unknown', code: frame.command };
  }
}
