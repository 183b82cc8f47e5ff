export type Sensor = 'output-tray' | 'change-tray' | 'card-pad' | 'maintenance-door' | 'staff-call';
export type SensorState = Record<Sensor, boolean>;

export type SlotLed = 'card' | 'coin' | 'note' | 'output-tray';
export type LedMode = 'off' | 'on' | 'blink';
export type BuzzerPattern = 'off' | 'key' | 'chime' | 'alarm';

export type IoBoardStatus = { kind: 'connected' } | { kind: 'disconnected'; detail: string };

export interface IoBoard {
  status(): IoBoardStatus;
  sensors(): SensorState;
  onSensorChange(listener: (state: SensorState) => void): () => void;
  setLed(led: SlotLed, mode: LedMode): Promise<void>;
  buzz(pattern: BuzzerPattern): Promise<void>;
  close(): Promise<void>;
}

export const NO_SENSOR_ACTIVE: SensorState = {
  'output-tray': false,
  'change-tray': false,
  'card-pad': false,
  'maintenance-door': false,
  'staff-call': false,
};
