import fs from 'node:fs';

/**
 * Reads a JSON data file a user named (a lexicon, reply templates): only a
 * regular file of at most `maxBytes` is read (checked on the open file before
 * reading: /dev/zero, a FIFO or a directory is refused, never read without
 * end), and `fail` builds the caller's own typed error. Errors never quote
 * the file's content: a path named by mistake (/etc/passwd) must not end up
 * printed.
 */
export function readJsonFile(file: string, maxBytes: number, what: string, fail: (reason: string, cause?: unknown) => Error): unknown {
  let raw: string;
  let fd: number | null = null;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new RefusedFile(`not a regular file (${stat.isDirectory() ? 'a directory' : 'a device, FIFO or socket'})`);
    if (stat.size > maxBytes) throw new RefusedFile(`file is ${stat.size} bytes, over the ${maxBytes}-byte limit for ${what}`);
    const buf = Buffer.alloc(stat.size + 1);
    let got = 0;
    for (let n; got < buf.length && (n = fs.readSync(fd, buf, got, buf.length - got, null)) > 0; ) got += n;
    if (got > stat.size) throw new RefusedFile('file grew while it was read');
    raw = buf.toString('utf8', 0, got);
  } catch (cause) {
    if (cause instanceof RefusedFile) throw fail(cause.message);
    throw fail(`cannot read file (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, cause);
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
  try {
    return JSON.parse(raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw);
  } catch (cause) {
    throw fail(`not valid JSON (${jsonPosition(raw, cause as Error)})`, cause);
  }
}

class RefusedFile extends Error {}

/** Where JSON.parse stopped, as line and column: V8's own message quotes the text, which must not be echoed. */
function jsonPosition(raw: string, e: Error): string {
  const m = /position (\d+)/.exec(e.message);
  if (!m) return 'syntax error';
  const at = Number(m[1]);
  const before = raw.slice(0, at);
  const line = before.split('\n').length;
  return `syntax error at line ${line}, column ${at - before.lastIndexOf('\n')}`;
}
