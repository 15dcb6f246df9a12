// Writing the generated log (--out) as it is produced: lines are gathered into
// ~1 MB chunks and written synchronously, so memory stays flat and the file is
// complete as soon as the run is.
import { closeSync, openSync, writeSync } from 'node:fs';

const CHUNK = 1 << 20;

export class LogFileWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;

  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, 'w');
    } catch (err) {
      throw new Error(`${path}: cannot write the log file (${(err as Error).message})`);
    }
  }

  write(line: string): void {
    this.parts.push(line);
    this.size += line.length + 1;
    if (this.size >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    writeSync(this.fd, this.parts.join('\n') + '\n');
    this.parts = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
