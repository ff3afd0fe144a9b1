import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The --out file, written so that nothing is lost whatever happens: results
 * go to a temporary file in the same folder (so the final rename stays on
 * one file system and is atomic) and replace the target only on commit(). An
 * error, exit 2, Ctrl-C or SIGTERM calls discard(): the previous file stays as
 * it was. A target that is not a regular file (a device such as /dev/null or
 * /dev/full, a FIFO) is written in place: it cannot be renamed over.
 */
export class OutFile {
  readonly fd: number;
  /** Where the bytes go now (the temporary file, or the target itself). */
  readonly writePath: string;
  private done = false;

  private constructor(
    readonly target: string,
    fd: number,
    writePath: string,
    private readonly atomic: boolean,
  ) {
    this.fd = fd;
    this.writePath = writePath;
  }

  /**
   * Opens the output for `target`. Throws a message (string Error) when it is
   * the input (same device and inode: also through a symlink or a hard link)
   * or cannot be created.
   */
  static open(target: string, input: fs.Stats | null): OutFile {
    let existing: fs.Stats | null = null;
    try {
      existing = fs.statSync(target); // follows symlinks: a link to the input is the input
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (existing && input && existing.dev === input.dev && existing.ino === input.ino) {
      throw new Error(`--out "${target}" is the input file (it would be overwritten)`);
    }
    if (existing && existing.isDirectory()) throw new Error(`--out "${target}" is a directory`);
    if (existing && !existing.isFile()) return new OutFile(target, fs.openSync(target, 'w'), target, false);
    // Replace the file a symlink points at, not the link itself.
    const real = existing ? fs.realpathSync(target) : path.resolve(target);
    const temp = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
    const fd = fs.openSync(temp, 'wx', 0o666);
    // The replaced file keeps its permissions (open's mode would be cut by the umask).
    if (existing) fs.fchmodSync(fd, existing.mode & 0o7777);
    const out = new OutFile(real, fd, temp, true);
    OPEN.add(out);
    return out;
  }

  /** After the stream (opened with autoClose: false) has finished: flushes the data to disk, closes and moves it into place. Throws the system error on failure (after discarding). */
  commit(): void {
    if (this.done) return;
    try {
      if (this.atomic) fs.fsyncSync(this.fd);
      fs.closeSync(this.fd);
      if (this.atomic) fs.renameSync(this.writePath, this.target);
      this.done = true;
      OPEN.delete(this);
    } catch (e) {
      this.discard();
      throw e;
    }
  }

  /** Removes the temporary file; the target is untouched. Safe to call twice, and from a signal handler. */
  discard(): void {
    if (this.done) return;
    this.done = true;
    OPEN.delete(this);
    try {
      fs.closeSync(this.fd);
    } catch {
      // closed by commit() before it failed
    }
    if (this.atomic) {
      try {
        fs.unlinkSync(this.writePath);
      } catch {
        // already gone
      }
    }
  }
}

const OPEN = new Set<OutFile>();

/** Discards every output file still open (the process is being stopped). */
export function discardOpenOutFiles(): void {
  for (const f of [...OPEN]) f.discard();
}
