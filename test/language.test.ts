import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../src/extend.js';
import { defaultAnalyzer } from './helpers/analyzer.js';

describe('language detection', () => {
  it.each([
    ['物流很快，包装完好', 'zh'],
    ['這個東西質量很差', 'zh'],
    ['买了iPhone，屏幕有划痕', 'zh'],
    ['The zipper broke after two days', 'en'],
    ['质量很差 totally fake, do not buy', 'mixed'],
    ['', 'other'],
    ['👍👍👍!!!', 'other'],
    ['これは日本語のレビューです', 'other'],
    ['Очень плохое качество', 'other'],
  ])('%s -> %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('is set on the analysis, and an explicit lang wins', () => {
    const a = defaultAnalyzer();
    expect(a.analyze('這個東西質量很差').language).toBe('zh');
    expect(a.analyze({ text: 'ok', lang: 'zh' }).language).toBe('zh');
  });
});
