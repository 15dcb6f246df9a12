// The pipeline's handle on its writer thread. post() never blocks the caller on
// SQLite: it hands the message to the thread and returns a promise of the commit
// that includes it (resolved with the wall time of the acknowledgement, for
// event-to-commit latency).
import type { Worker } from 'node:worker_threads';
import { startWorker, workerEntry } from '../../engine/threads/worker';
import { performance } from 'node:perf_hooks';
import type { WriterReply, WriterRequest } from './protocol';

type Pending = { id: number; resolve: (value: number) => void; reject: (e: Error) => void; done: Promise<number> };

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;
export type WriterMessage = Distribute<WriterRequest>;

export class DbWriter {
  private nextId = 0;
  private pending: Pending[] = [];
  private failure: Error | null = null;
  private exited: Promise<void>;
  /** Rows committed so far by this writer. */
  committedRows = 0;
  commits = 0;

  private constructor(private readonly worker: Worker) {
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (m: WriterReply) => this.onReply(m));
    worker.on('error', (e) => this.fail(new Error(`the database writer thread failed: ${e.message}`)));
    worker.on('exit', (code) => {
      if (this.pending.length > 0) this.fail(new Error(`the database writer thread exited (code ${code}) with ${this.pending.length} writes pending`));
    });
  }

  static async start(file: string): Promise<DbWriter> {
    const worker = startWorker(workerEntry(import.meta.url, 'writer-worker'), { workerData: { file } });
    const writer = new DbWriter(worker);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: WriterReply) => {
        if (m.kind === 'ready') done(null);
        else if (m.kind === 'error') done(new Error(m.message));
      };
      const onError = (e: Error) => done(e);
      const onExit = (code: number) => done(new Error(`the database writer thread exited during start (code ${code})`));
      const done = (e: Error | null) => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (e) reject(e);
        else resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
    });
    return writer;
  }

  /** Messages handed over and not yet committed. */
  get inFlight(): number {
    return this.pending.length;
  }

  /** Stores the hunt version and creates the run; resolves with the new run's id once committed. */
  createRun(hunt: { id: string; title: string }, run: Extract<WriterMessage, { kind: 'create' }>['run']): Promise<number> {
    return this.post({ kind: 'create', hunt, run });
  }

  /** Posts a message; resolves with the wall time (performance.now()) of the commit that holds it. */
  post(message: WriterMessage): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.nextId;
    const full = { ...message, id } as WriterRequest;
    const transfer =
      full.kind === 'events'
        ? [full.line.buffer, full.t.buffer, full.p.len.buffer, full.type.len.buffer, full.raw.len.buffer].map((b) => b as ArrayBuffer)
        : [];
    let entry!: Pending;
    const committed = new Promise<number>((resolve, reject) => {
      entry = { id, resolve, reject, done: undefined as unknown as Promise<number> };
    });
    entry.done = committed;
    this.pending.push(entry);
    this.worker.postMessage(full, transfer);
    return committed;
  }

  /** Resolves when everything posted so far is committed (checkpoints written over several commits included). */
  async flush(): Promise<void> {
    await Promise.all(this.pending.map((p) => p.done));
  }

  async close(): Promise<void> {
    if (!this.failure) {
      await this.post({ kind: 'close' }).catch(() => undefined);
    }
    await this.exited;
    if (this.failure) throw this.failure;
  }

  /** Stops the thread without committing what is queued (tests of crashes; cancel uses finish + close). */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private onReply(m: WriterReply): void {
    if (m.kind === 'committed') {
      const now = performance.now();
      this.commits++;
      this.committedRows += m.rows;
      const created = new Map(m.created);
      const deferred = new Set(m.deferred);
      const completed = new Set(m.completed);
      // Pending messages are in id order; deferred checkpoints stay until a commit completes them.
      this.pending = this.pending.filter((p) => {
        if (completed.has(p.id) || (p.id <= m.upTo && !deferred.has(p.id))) {
          p.resolve(created.get(p.id) ?? now);
          return false;
        }
        return true;
      });
    } else if (m.kind === 'error') {
      this.fail(new Error(`the database writer could not commit: ${m.message}`));
    }
  }

  private fail(e: Error): void {
    if (!this.failure) this.failure = e;
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) p.reject(this.failure);
  }
}
