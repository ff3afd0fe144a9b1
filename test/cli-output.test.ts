import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Analysis, BatchResult } from '../src/index.js';
import { Output } from '../src/cli/output.js';
import { ProgressBar } from '../src/cli/progress.js';
import { cellWidth, createFormatter, fit } from '../src/cli/writers.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

const widthOf = (s: string) => [...s].reduce((w, ch) => w + cellWidth(ch.codePointAt(0)!), 0);

describe('fit (table cells)', () => {
  it('pads to the width in terminal cells, counting Chinese as two', () => {
    expect(fit('ab', 5)).toBe('ab   ');
    expect(fit('物流', 5)).toBe('物流 ');
    expect(widthOf(fit('物流很快', 9))).toBe(9);
  });

  it('cuts long text with an ellipsis and never exceeds the width', () => {
    for (const text of ['abcdefghijk', '快递太慢了等了一个星期', 'a快b递c太d慢', '😀😀😀😀😀😀']) {
      for (const width of [3, 4, 5, 8]) {
        const cell = fit(text, width);
        expect(widthOf(cell), `${text} @${width}`).toBe(width);
        expect(cell.trimEnd().endsWith('…'), `${text} @${width}`).toBe(true);
      }
    }
    expect(fit('abcde', 5)).toBe('abcde'); // fits exactly: no ellipsis
  });

  it('turns line breaks and tabs into spaces', () => {
    expect(fit('a\nb\tc', 6)).toBe('a b c ');
  });
});

describe('formatters', () => {
  const a = defaultAnalyzer();
  const items: Analysis[] = [a.analyze({ id: 'p', text: '东西不错，包装也很好' }), a.analyze({ id: 'q', text: 'Broken on arrival.' })];

  it('jsonl: one parseable object per line', () => {
    const f = createFormatter('jsonl');
    const text = f.start() + items.map((i) => f.item(i)).join('') + f.finish();
    expect(text.split('\n').filter(Boolean).map((l) => JSON.parse(l).id)).toEqual(['p', 'q']);
  });

  it('json: a valid array whether empty or not', () => {
    const f = createFormatter('json');
    expect(JSON.parse(f.start() + f.finish())).toEqual([]);
    const g = createFormatter('json');
    expect(JSON.parse(g.start() + items.map((i) => g.item(i)).join('') + g.finish())).toEqual(JSON.parse(JSON.stringify(items)));
  });

  it('json batch: the whole BatchResult, extra fields included', () => {
    const result = { items, queue: [{ id: 'q', score: 3 }], summary: { total: 2 } } as BatchResult;
    const text = [...createFormatter('json').batch(result)].join('');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(result)));
  });

  it('table: a header, a rule and one row per item', () => {
    const text = [...createFormatter('table').batch({ items })].join('');
    const rows = text.trimEnd().split('\n');
    expect(rows).toHaveLength(4);
    expect(rows[2]!.startsWith('p ')).toBe(true);
    expect(rows[3]).toContain('Broken on arrival.');
  });
});

describe('ProgressBar', () => {
  const fakeStream = (isTTY: boolean) => {
    const writes: string[] = [];
    return { isTTY, writes, write: (s: string) => writes.push(s) };
  };

  it('draws nothing when stderr is not a terminal, but still passes messages through', () => {
    const s = fakeStream(false);
    const bar = new ProgressBar(s, { totalBytes: 100, now: () => 0 });
    for (let i = 0; i < 10; i++) bar.tick();
    bar.status('working');
    bar.clear();
    expect(s.writes).toEqual([]);
    bar.message('file:3: bad');
    expect(s.writes).toEqual(['file:3: bad\n']);
  });

  it('redraws at most once per interval, with percentage and counts', () => {
    const s = fakeStream(true);
    let t = 0;
    const bar = new ProgressBar(s, { totalBytes: 200, intervalMs: 100, delayMs: 0, now: () => t });
    bar.addBytes(50);
    bar.tick(); // first draw
    t = 50;
    bar.tick(); // too soon
    t = 150;
    bar.addBytes(50);
    bar.tick(); // second draw
    expect(s.writes).toHaveLength(2);
    expect(s.writes[0]).toMatch(/25%\s+1 reviews/);
    expect(s.writes[1]).toMatch(/\[#{12}-{12}\]\s+50%\s+3 reviews\s+20\/s/);
  });

  it('stays silent for short runs (the first draw waits for delayMs)', () => {
    const s = fakeStream(true);
    let t = 0;
    const bar = new ProgressBar(s, { totalBytes: 10, delayMs: 500, now: () => t });
    t = 400;
    bar.tick();
    expect(s.writes).toEqual([]);
    t = 600;
    bar.tick();
    expect(s.writes).toHaveLength(1);
  });

  it('clears the bar before a message so lines are not torn', () => {
    const s = fakeStream(true);
    const bar = new ProgressBar(s, { delayMs: 0, now: () => 0 });
    bar.tick();
    bar.message('file:9: invalid JSON');
    expect(s.writes.slice(-2)).toEqual(['\r\x1b[K', 'file:9: invalid JSON\n']);
  });
});

describe('Output', () => {
  it('waits for drain when the stream is full and keeps the order', async () => {
    const got: string[] = [];
    const slow = new Writable({
      highWaterMark: 4,
      write(chunk, _enc, cb) {
        got.push(chunk.toString());
        setTimeout(cb, 1);
      },
    });
    const out = new Output(slow, true);
    for (let i = 0; i < 20; i++) await out.write(`chunk${i};`);
    await out.close();
    expect(got.join('')).toBe(Array.from({ length: 20 }, (_, i) => `chunk${i};`).join(''));
    expect(out.error).toBeNull();
  });

  it('keeps a write error (a closed pipe) instead of throwing, and drops later writes', async () => {
    const broken = new Writable({
      write(_chunk, _enc, cb) {
        const e = new Error('write EPIPE') as NodeJS.ErrnoException;
        e.code = 'EPIPE';
        cb(e);
      },
    });
    const out = new Output(broken, false);
    await out.write('first');
    await new Promise((r) => setImmediate(r));
    expect(out.brokenPipe).toBe(true);
    await out.write('second'); // no throw, no hang
    await out.close();
  });
});
