import { describe, expect, it } from 'vitest';
import { defaultAnalyzer } from './helpers/analyzer.js';

const isSpam = (text: string) => defaultAnalyzer().analyze(text).spam.isSpam;

describe('English comment spam pattern families', () => {
  it.each([
    ['a bare check-out plug', 'check out the remix I made last night'],
    ['a plug after a greeting', 'hey guys, go check out what we recorded'],
    ['engagement bait', 'thumbs up if this song got you through exams'],
    ['like-if bait', 'like this comment if winter brought you back to this song'],
    ['a search direction', 'just search our band name on YouTube, you will love it'],
    ['a chain post', 'copy and paste this on five videos or your crush ignores you'],
    ['a link with an unlisted ending and a path', 'new beats at dropzone.beats/tape free download'],
  ])('flags %s', (_name, text) => {
    expect(isSpam(text)).toBe(true);
  });

  it.each([
    ['an opinion about the song', 'the chorus is the best part of this track'],
    ['a sentence missing a space after a full stop', 'It was suitable.In the end I kept it'],
    ['advice to look something up in a manual', 'the manual explains how to reset it'],
  ])('does not flag %s', (_name, text) => {
    expect(isSpam(text)).toBe(false);
  });
});
