import type { ByteStream, OpenByteStream, SerialLineSettings } from './byte-stream';

/**
 * Opens a serial port through the optional `serialport` package, loaded only when a real port
 * (or a socat pty) is used, so unit tests and machines without the native binding still run.
 */
export const openSerialPort: OpenByteStream = async (path: string, line: SerialLineSettings): Promise<ByteStream> => {
  const { SerialPort } = await import('serialport');
  const port = new SerialPort({ path, baudRate: line.baudRate, dataBits: line.dataBits, parity: line.parity, stopBits: line.stopBits, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  let closeReported = false;
  const closeListeners = new Set<(error: Error | undefined) => void>();
  const reportClose = (error: Error | undefined): void => {
    if (closeReported) return;
    closeReported = true;
    for (const l of closeListeners) l(error);
  };
  port.on('close', (error: Error | null | undefined) => reportClose(error ?? undefined));
  // serialport emits 'error' without closing on some failures; a port that errors is treated as gone.
  port.on('error', (error: Error) => reportClose(error));
  return {
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        if (!port.isOpen) return reject(new Error(`${path} is not open`));
        port.write(Buffer.from(bytes), (error) => (error ? reject(error) : port.drain((e) => (e ? reject(e) : resolve()))));
      }),
    onData: (listener) => {
      const handler = (chunk: Buffer): void => listener(new Uint8Array(chunk));
      port.on('data', handler);
      return () => port.off('data', handler);
    },
    onClose: (listener) => {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  };
};
