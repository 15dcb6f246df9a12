// The pipeline's handle on its writer thread (writer.worker.ts, over its engine/threads
// channel). post() never blocks the caller on SQLite: it hands the message to the thread
// and returns a promise of the commit that includes it (resolved with the wall time of
// the acknowledgement, for event-to-commit latency).
import { performance } from 'node:perf_hooks';
import { startWorker, workerEntry } from '../../engine/threads/worker';
import { ThreadClient, type ThreadDeath } from '../../engine/threads/client';
import { RemoteError, type Transferable } from '../../engine/threads/protocol';
import type { WriterRequest, WriterWorkerApi, WriterWorkerEvents } from './protocol';
import { transferList } from '../../engine/batch/lineBatch';

export type WriterMessage = WriterRequest;

export class DbWriter {
  private readonly pending = new Set<Promise<number>>();
  private failure: Error | null = null;
  private started = false;
  /** Rows committed so far by this writer. */
  committedRows = 0;
  commits = 0;

  private constructor(private readonly channel: ThreadClient<WriterWorkerApi, WriterWorkerEvents>) {
    channel.on('committed', (c) => {
      this.commits++;
      this.committedRows += c.rows;
    });
  }

  static async start(file: string): Promise<DbWriter> {
    let writer: DbWriter | null = null;
    const worker = startWorker(workerEntry(import.meta.url, 'writer.worker'), { workerData: { file } });
    const channel = new ThreadClient<WriterWorkerApi, WriterWorkerEvents>(worker, {
      name: 'database writer',
      deathError: (d) => (writer?.started ? writer.deathError(d) : startError(d)),
    });
    writer = new DbWriter(channel);
    await channel.call('ready');
    writer.started = true;
    return writer;
  }

  /** Messages handed over and not yet committed. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Stores the hunt version and creates the run; resolves with the new run's id once committed. */
  createRun(hunt: { id: string; title: string }, run: Extract<WriterMessage, { kind: 'create' }>['run']): Promise<number> {
    return this.post({ kind: 'create', hunt, run });
  }

  /** Posts a message; resolves with the wall time (performance.now()) of the commit that holds it. */
  post(message: WriterMessage): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    // An events batch moves to the writer thread: the caller must not read it after this.
    const transfer: Transferable[] = message.kind === 'events' ? transferList(message.lines) : [];
    const committed = this.channel.callWith({ transfer }, 'write', message).then(
      (created) => {
        this.pending.delete(committed);
        return created ?? performance.now();
      },
      (err: unknown) => {
        this.pending.delete(committed);
        // The first failure is every write's failure: nothing after it is committed.
        this.failure ??= err instanceof RemoteError ? new Error(`the database writer could not commit: ${err.message}`) : (err as Error);
        throw this.failure;
      },
    );
    this.pending.add(committed);
    return committed;
  }

  /** Resolves when everything posted so far is committed (checkpoints written over several commits included). */
  async flush(): Promise<void> {
    await Promise.all(this.pending);
  }

  async close(): Promise<void> {
    if (!this.failure) {
      await this.post({ kind: 'close' }).catch(() => undefined);
    }
    await this.channel.exited;
    if (this.failure) throw this.failure;
  }

  /** Stops the thread without committing what is queued (tests of crashes; cancel uses finish + close). */
  async terminate(): Promise<void> {
    await this.channel.terminate();
  }

  private deathError(d: ThreadDeath): Error {
    if (d.kind === 'error') return new Error(`the database writer thread failed: ${d.error.message}`);
    const waiting = this.channel.inFlight;
    return new Error(`the database writer thread exited (code ${d.code})${waiting > 0 ? ` with ${waiting} writes pending` : ''}`);
  }
}

/** The thread died before it was ready: its own error (the database could not be opened), as it was thrown. */
function startError(d: ThreadDeath): Error {
  return d.kind === 'error' ? d.error : new Error(`the database writer thread exited during start (code ${d.code})`);
}
