import { parentPort, workerData } from 'node:worker_threads';
import type { RenderJob, SigningKey } from './render-job';
import { signerFor } from './sign-rendering';

/** Worker-thread entry: renders and signs the jobs posted by `WorkerRenderPool`. */
const port = parentPort;
if (!port) throw new Error('render-worker must run in a worker thread');
const key = workerData as SigningKey;
const sign = signerFor(key, key.textHash);
port.on('message', (message: { id: number; job: RenderJob }) => {
  sign(message.job).then(
    (done) => {
      // Transferring moves the whole buffer: a PDF that is a view into a larger one is copied first.
      const pdf = done.pdf.byteOffset === 0 && done.pdf.byteLength === done.pdf.buffer.byteLength ? done.pdf : done.pdf.slice();
      port.postMessage({ id: message.id, ...done, pdf }, [pdf.buffer as ArrayBuffer]);
    },
    (e: unknown) => port.postMessage({ id: message.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
