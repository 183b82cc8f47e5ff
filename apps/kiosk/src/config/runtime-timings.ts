import type { KioskConfig } from './kiosk-config-schema';

/**
 * The configuration's timings in the units the runtime takes: the flow's `FlowTimings`
 * (inactivity, still-there countdown), the io-board's forgotten-output `AlarmTimings`, and the
 * per-call timeouts of the cash unit and the center client. Shapes match those types structurally.
 */
export function runtimeTimings(config: KioskConfig): {
  flow: { inactivityMs: number; stillThereMs: number };
  alarm: { chimeAfterMs: number; voiceAfterMs: number; staffCallAfterMs: number };
  paymentTimeoutMs: number;
  centerTimeoutMs: number;
} {
  const ms = (s: number) => s * 1000;
  return {
    flow: { inactivityMs: ms(config.timeouts.stillThereAfter), stillThereMs: ms(config.timeouts.stillThereCountdown) },
    alarm: { chimeAfterMs: ms(config.alarms.chimeAfter), voiceAfterMs: ms(config.alarms.voiceAfter), staffCallAfterMs: ms(config.alarms.staffCallAfter) },
    paymentTimeoutMs: ms(config.timeouts.payment),
    centerTimeoutMs: ms(config.timeouts.centerRequest),
  };
}
