export * from './alarm-state';
export * from './forgotten-output-alarm';
