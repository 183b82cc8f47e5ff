import { parentPort } from 'node:worker_threads';
import { renderCertificate } from './render-certificate';
import type { RenderJob } from './render-job';

/** Worker-thread entry: renders jobs posted by `WorkerRenderPool`, one at a time. */
const port = parentPort;
if (!port) throw new Error('render-worker must run in a worker thread');
port.on('message', (message: { id: number; job: RenderJob }) => {
  renderCertificate(message.job).then(
    (pdf) => port.postMessage({ id: message.id, pdf }, [pdf.buffer as ArrayBuffer]),
    (e: unknown) => port.postMessage({ id: message.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
