export { delay, ManualClock, systemClock, type Clock, type ClockTimer } from './clock';
