import { describe, expect, it } from 'vitest';
import { rememberStartPage, START_PAGE_KEY, takeStartPage } from './start-page';
import { memoryStorage } from '../../../testing/memory-storage';

const ORIGIN = 'https://localhost:5173';
const LINK = `${ORIGIN}/clusters/localhost:8443/databases/Samples?query=H4sIAAAAAAAAAwsuyS`;

describe('the page a redirect left from', () => {
  it('is given back once, then forgotten', () => {
    const storage = memoryStorage();
    rememberStartPage(storage, LINK);
    expect(takeStartPage(storage, ORIGIN)).toBe(LINK);
    expect(takeStartPage(storage, ORIGIN)).toBeNull();
    expect(storage.getItem(START_PAGE_KEY)).toBeNull();
  });

  it('is never a page of another origin (the address bar is only ever set to the app itself)', () => {
    const storage = memoryStorage();
    rememberStartPage(storage, 'https://evil.example/clusters/x');
    expect(takeStartPage(storage, ORIGIN)).toBeNull();
    storage.setItem(START_PAGE_KEY, 'not a url');
    expect(takeStartPage(storage, ORIGIN)).toBeNull();
  });

  it('is null without storage', () => {
    rememberStartPage(undefined, LINK);
    expect(takeStartPage(undefined, ORIGIN)).toBeNull();
  });
});
