import { createRequire } from 'node:module';
import { moduleFile } from '../util/module-file.js';
import { isHan } from '../util/chars.js';
import type { ChineseConverter } from './normalize.js';

const require = createRequire(moduleFile());
let converter: ChineseConverter | null = null;

/**
 * opencc-js traditional (Taiwan/Hong Kong forms included) -> mainland
 * simplified, built once per process. Conversion is the costliest part of
 * normalising, so we also list once which BMP Han characters it can change
 * and skip texts that contain none of them (most reviews).
 */
export function traditionalToSimplified(): ChineseConverter {
  if (!converter) {
    const OpenCC = require('opencc-js/t2cn') as { Converter(o: { from: string; to: string }): (s: string) => string };
    const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const hk = OpenCC.Converter({ from: 'hk', to: 'cn' });
    const convert: ChineseConverter = (s) => hk(tw(s));
    const changes = new Uint8Array(0x10000);
    const chars: string[] = [];
    for (let cp = 0x3400; cp <= 0xfaff; cp++) if (isHan(cp)) chars.push(String.fromCharCode(cp));
    // Newlines keep phrase rules from joining neighbouring characters.
    const converted = convert(chars.join('\n')).split('\n');
    if (converted.length === chars.length) {
      // A character that is itself some character's simplified form (么, 着...) is simplified
      // already; converting it alone is a variant rule that phrase context would undo.
      const simplifiedForms = new Set(converted.filter((c, k) => c !== chars[k]));
      chars.forEach((ch, k) => {
        if (converted[k] !== ch && !simplifiedForms.has(ch)) changes[ch.charCodeAt(0)] = 1;
      });
      convert.affects = (cp) => cp < 0x10000 && changes[cp] === 1;
    }
    converter = convert;
  }
  return converter;
}
