import { describe, expect, it } from 'vitest';
import { errorText } from './error-text';

describe('errorText', () => {
  it("gives an Error's message, without its name", () => {
    expect(errorText(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
  });

  it('gives a thrown value that is not an Error as text', () => {
    expect(errorText('quota exceeded')).toBe('quota exceeded');
    expect(errorText(42)).toBe('42');
  });
});
