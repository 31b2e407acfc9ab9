import { describe, expect, it } from 'vitest';
import { clampSize, parseStoredSize, sizeAfterKey } from './splitter-size';

const bounds = { min: 100, max: 500, step: 20 };
const key = (k: string, shiftKey = false) => ({ key: k, shiftKey });

describe('sizeAfterKey', () => {
  it('moves by a step, five with Shift, and stops at the bounds', () => {
    expect(sizeAfterKey(200, key('ArrowDown'), bounds)).toBe(220);
    expect(sizeAfterKey(200, key('ArrowUp'), bounds)).toBe(180);
    expect(sizeAfterKey(200, key('ArrowDown', true), bounds)).toBe(300);
    expect(sizeAfterKey(490, key('ArrowDown'), bounds)).toBe(500);
    expect(sizeAfterKey(110, key('ArrowUp'), bounds)).toBe(100);
  });

  it('goes to the ends with Home and End, and ignores other keys', () => {
    expect(sizeAfterKey(200, key('Home'), bounds)).toBe(100);
    expect(sizeAfterKey(200, key('End'), bounds)).toBe(500);
    expect(sizeAfterKey(200, key('Enter'), bounds)).toBeNull();
  });
});

describe('clampSize', () => {
  it('keeps the minimum when the space is smaller than it', () => {
    expect(clampSize(300, { min: 100, max: 50 })).toBe(100);
  });
});

describe('parseStoredSize', () => {
  it('reads a positive number and refuses anything else', () => {
    expect(parseStoredSize('240')).toBe(240);
    expect(parseStoredSize(null)).toBeNull();
    expect(parseStoredSize('tall')).toBeNull();
    expect(parseStoredSize('-3')).toBeNull();
  });
});
