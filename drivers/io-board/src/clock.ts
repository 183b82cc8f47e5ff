// The drivers' shared time port lives in @konbini-kofu/clock (the cash unit uses it too).
export { ManualClock, systemClock, type Clock, type ClockTimer } from '@konbini-kofu/clock';
