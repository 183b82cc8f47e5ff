import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderJob, SignedRendering, SigningKey } from './render-job';
import { signerFor } from './sign-rendering';

/**
 * Render workers for a center started without `--workers`: one per core beyond the two that the
 * event loop (TLS, HTTP, SQLite) and V8's helper threads keep busy. On two cores that is none:
 * there a worker buys no parallelism, and its own heap, JIT and the hand-offs between threads
 * cost more CPU per issuance than drawing on the event loop (~1–2 ms a certificate; measured in
 * mock-center/README.md, round of 2026-12-02 afternoon).
 */
export function defaultRenderWorkers(): number {
  return Math.max(0, availableParallelism() - 2);
}

/** Draws and signs certificates: in this thread, or on worker threads so that work leaves the event loop free. */
export interface CertificateRenderer {
  render(job: RenderJob): Promise<SignedRendering>;
  close(): Promise<void>;
}

export class InProcessRenderer implements CertificateRenderer {
  private readonly sign: (job: RenderJob) => Promise<SignedRendering>;

  constructor(key: SigningKey) {
    this.sign = signerFor(key, key.textHash);
  }

  render(job: RenderJob): Promise<SignedRendering> {
    return this.sign(job);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

interface Pending {
  resolve: (done: SignedRendering) => void;
  reject: (e: Error) => void;
}

type WorkerReply = ({ id: number } & SignedRendering) | { id: number; error: string };

/**
 * A fixed pool of worker threads, each with its own parsed font; jobs go to the least busy
 * worker. The workers load TypeScript through tsx, as the rest of the repository does.
 */
export class WorkerRenderPool implements CertificateRenderer {
  private readonly workers: { worker: Worker; busy: number }[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(size: number, key: SigningKey) {
    // Node 20 does not pass `--import` hooks to a worker's entry module: a tiny CommonJS
    // bootstrap registers tsx inside the worker, then imports the TypeScript entry.
    const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
    const entry = new URL('./render-worker.ts', import.meta.url).href;
    const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(bootstrap, { eval: true, workerData: key });
      const slot = { worker, busy: 0 };
      worker.on('message', (reply: WorkerReply) => {
        // Idle workers must not keep the process alive; busy ones must.
        if (--slot.busy === 0) worker.unref();
        const p = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (!p) return;
        if ('error' in reply) p.reject(new Error(reply.error));
        // The worker transferred the PDF's buffer: this thread owns it now, no copy needed.
        else p.resolve({ pdf: reply.pdf, antiForgery: reply.antiForgery });
      });
      worker.on('error', (e) => {
        console.error('center: render worker failed', e);
      });
      // A dead worker must not leave requests waiting forever.
      worker.on('exit', () => {
        this.workers.splice(this.workers.indexOf(slot), 1);
        for (const p of this.pending.values()) p.reject(new Error('render worker exited'));
        this.pending.clear();
      });
      worker.unref();
      this.workers.push(slot);
    }
  }

  render(job: RenderJob): Promise<SignedRendering> {
    if (this.workers.length === 0) return Promise.reject(new Error('no render worker left'));
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    if (slot.busy++ === 0) slot.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, job });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    for (const p of this.pending.values()) p.reject(new Error('render pool closed'));
    this.pending.clear();
  }
}
