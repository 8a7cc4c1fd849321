/** A one-line progress indicator on standard error, only when it is a terminal. */
import type { CliIo } from './io.js';

export class Progress {
  private readonly active: boolean;
  constructor(private readonly io: CliIo, private readonly total: number) {
    this.active = io.stderr.isTTY === true && total > 1 && io.env.CI === undefined;
  }
  file(index: number, path: string): void {
    if (!this.active) return;
    const name = path.length > 60 ? '…' + path.slice(-59) : path;
    this.io.stderr.write(`\r\x1b[2K[${index + 1}/${this.total}] ${name}`);
  }
  /** Erases the progress line so that a note written next starts on a clean line. */
  clear(): void {
    if (this.active) this.io.stderr.write('\r\x1b[2K');
  }
  done(): void {
    this.clear();
  }
}
