export * from './io-board';
export * from './in-process-io-board';
export * from './clock';
export * from './hid/io-board-reports';
export * from './hid/hid-device-transport';
export * from './hid/hid-io-board';
export { NodeHidTransport } from './hid/node-hid-transport';
export * from './emulator/emulated-io-board';
export * from './forgotten-output-alarm';
