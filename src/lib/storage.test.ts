import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/memory-storage';
import { readStored, removeStored, writeStored } from './storage';

/** What Safari's private mode and a full quota do: every call throws. */
function throwingStorage(): Storage {
  const fail = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  return { length: 0, clear: fail, getItem: fail, key: fail, removeItem: fail, setItem: fail };
}

describe('Web Storage that never throws', () => {
  it('writes, reads and removes an item', () => {
    const storage = memoryStorage();
    writeStored(storage, 'kqlw.k', 'v');
    expect(readStored(storage, 'kqlw.k')).toBe('v');
    removeStored(storage, 'kqlw.k');
    expect(readStored(storage, 'kqlw.k')).toBeNull();
  });

  it('keeps working where storage throws or is missing', () => {
    for (const storage of [throwingStorage(), undefined]) {
      expect(() => writeStored(storage, 'kqlw.k', 'v')).not.toThrow();
      expect(readStored(storage, 'kqlw.k')).toBeNull();
      expect(() => removeStored(storage, 'kqlw.k')).not.toThrow();
    }
  });
});
