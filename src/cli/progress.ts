/**
 * A one-line progress indicator on standard error, only on a terminal (and not under CI):
 * «[3/20] path 45 %». Redrawn only when the text changes, so a fast stream of byte counts
 * costs next to nothing.
 */
import type { CliIo } from './io.js';

export class Progress {
  private readonly active: boolean;
  private shown = '';
  constructor(private readonly io: CliIo, private readonly total: number) {
    this.active = io.stderr.isTTY === true && total > 0 && io.env.CI === undefined;
  }
  file(index: number, path: string, fraction?: number): void {
    if (!this.active) return;
    const name = path.length > 60 ? '…' + path.slice(-59) : path;
    const share = fraction === undefined ? '' : ` ${Math.min(100, Math.floor(fraction * 100))} %`;
    const text = `[${index + 1}/${this.total}] ${name}${share}`;
    if (text === this.shown) return;
    this.shown = text;
    this.io.stderr.write(`\r\x1b[2K${text}`);
  }
  /** Erases the progress line so that a note written next starts on a clean line. */
  clear(): void {
    if (!this.active || this.shown === '') return;
    this.shown = '';
    this.io.stderr.write('\r\x1b[2K');
  }
  done(): void {
    this.clear();
  }
}
