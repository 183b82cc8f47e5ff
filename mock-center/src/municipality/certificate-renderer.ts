import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { renderCertificate } from './render-certificate';
import type { RenderJob } from './render-job';

/** Draws certificates: in this thread, or on worker threads so PDF work leaves the event loop free. */
export interface CertificateRenderer {
  render(job: RenderJob): Promise<Uint8Array>;
  close(): Promise<void>;
}

export class InProcessRenderer implements CertificateRenderer {
  render(job: RenderJob): Promise<Uint8Array> {
    return renderCertificate(job);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

interface Pending {
  resolve: (pdf: Uint8Array) => void;
  reject: (e: Error) => void;
}

type WorkerReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

/**
 * A fixed pool of worker threads, each with its own parsed font; jobs go to the least busy
 * worker. The workers load TypeScript through tsx, as the rest of the repository does.
 */
export class WorkerRenderPool implements CertificateRenderer {
  private readonly workers: { worker: Worker; busy: number }[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(size: number) {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const entry = new URL('./render-worker.ts', import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(entry, { execArgv: ['--import', tsx] });
      const slot = { worker, busy: 0 };
      worker.on('message', (reply: WorkerReply) => {
        slot.busy--;
        const p = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (!p) return;
        if ('error' in reply) p.reject(new Error(reply.error));
        else p.resolve(new Uint8Array(reply.pdf));
      });
      worker.on('error', (e) => {
        console.error('center: render worker failed', e);
      });
      worker.unref();
      this.workers.push(slot);
    }
  }

  render(job: RenderJob): Promise<Uint8Array> {
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
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
