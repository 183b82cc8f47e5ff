import { NO_SENSOR_ACTIVE, type BuzzerPattern, type IoBoard, type IoBoardStatus, type LedMode, type Sensor, type SensorState, type SlotLed } from './io-board';

/** An in-process I/O board for unit tests and the headless skeleton: flip sensors, read outputs. */
export class InProcessIoBoard implements IoBoard {
  private state: SensorState = { ...NO_SENSOR_ACTIVE };
  private readonly listeners = new Set<(s: SensorState) => void>();
  readonly leds = new Map<SlotLed, LedMode>();
  readonly buzzes: BuzzerPattern[] = [];

  status(): IoBoardStatus {
    return { kind: 'connected' };
  }

  sensors(): SensorState {
    return { ...this.state };
  }

  set(sensor: Sensor, active: boolean): void {
    if (this.state[sensor] === active) return;
    this.state = { ...this.state, [sensor]: active };
    for (const l of this.listeners) l(this.sensors());
  }

  onSensorChange(listener: (state: SensorState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setLed(led: SlotLed, mode: LedMode): Promise<void> {
    this.leds.set(led, mode);
    return Promise.resolve();
  }

  buzz(pattern: BuzzerPattern): Promise<void> {
    this.buzzes.push(pattern);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
