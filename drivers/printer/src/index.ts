export * from './printer';
export * from './folder-printer';
export * from './ipp-printer';
export { HttpIppTransport, type IppTransport, type IppExchangeResult, type IppExchangeFailure } from './ipp/ipp-transport';
export { conditionsFromReasons, BLOCKING_CONDITIONS } from './ipp/printer-state-reasons';
