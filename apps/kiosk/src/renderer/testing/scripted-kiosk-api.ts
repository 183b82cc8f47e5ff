import type { KioskApi } from '../../shared/kiosk-api';
import type { ResidentAction } from '../../shared/resident-action';
import type { KioskView } from '../../shared/screen';

/**
 * A scripted stand-in for the flow, for component tests and the screen gallery only (the
 * end-to-end tests drive the real runtime): shows the views it is given, records actions.
 */
export class ScriptedKioskApi implements KioskApi {
  readonly sent: ResidentAction[] = [];
  private readonly listeners = new Set<(view: KioskView) => void>();

  constructor(private current: KioskView) {}

  show(view: KioskView): void {
    this.current = view;
    for (const l of this.listeners) l(view);
  }

  subscribe(listener: (view: KioskView) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  send(action: ResidentAction): void {
    this.sent.push(action);
  }
}
