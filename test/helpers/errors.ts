import { expect } from 'vitest';

/** Runs `fn`, asserts it throws an instance of `type`, and returns the error for further checks. */
export function thrownBy<E extends Error>(type: new (...args: never[]) => E, fn: () => unknown): E {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    return e as E;
  }
  throw new Error(`expected a ${type.name}`);
}
