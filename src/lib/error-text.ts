/** What a caught value says: an Error's message, else the value as text (code may throw a string or an object). */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
