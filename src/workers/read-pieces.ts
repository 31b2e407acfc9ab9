/**
 * Reads a byte stream to its end, piece by piece, as the pieces arrive. Resolves with why the
 * stream broke off (its error's message), or null when it ended normally.
 */

import { errorText } from '../lib/error-text';

export async function readPieces(body: ReadableStream<Uint8Array>, piece: (bytes: Uint8Array) => void): Promise<string | null> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return null;
      piece(value);
    }
  } catch (e) {
    return errorText(e);
  }
}
