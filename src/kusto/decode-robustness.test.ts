// @vitest-environment node
/**
 * Property tests of the public decode entry points (decodeV2Bytes, which the decode worker runs, and
 * decodeV1DataSet) on valid responses and on responses cut short, with bytes changed, inserted,
 * dropped or repeated, and spliced with another: the decoder never hangs and never throws, and every
 * input ends as usable tables or an error value. Each body is decoded in a worker thread with a
 * deadline (src/testing/decode-probe.ts), so a hang fails the test instead of stalling the run.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DecodeProbe, type DecodeFormat } from '../testing/decode-probe';
import { damagedBodyArbitrary, v1ResponseArbitrary, v2ResponseArbitrary, type GeneratedResponse } from '../testing/response-arbitraries';

// Generous: a body here is a few kilobytes, decoded in well under a millisecond; only a loop misses it.
const probe = new DecodeProbe(5_000);
afterAll(() => probe.stop());

const utf8 = new TextEncoder();
const RUNS = 300;
// A hang costs a deadline per shrinking step: stop shrinking after 30 s and report what was found.
const SETTINGS = { numRuns: RUNS, interruptAfterTimeLimit: 30_000 };
const TEST_TIMEOUT = 60_000;

async function endsAsTablesOrError(format: DecodeFormat, bytes: Uint8Array): Promise<void> {
  const outcome = await probe.decode(format, bytes);
  expect(['tables', 'error'], `${outcome.outcome}: ${'message' in outcome ? outcome.message : ''}`).toContain(outcome.outcome);
}

describe.each<[DecodeFormat, fc.Arbitrary<GeneratedResponse>]>([
  ['v2', v2ResponseArbitrary],
  ['v1', v1ResponseArbitrary],
])('decoding %s responses', (format, responses) => {
  it('reads every valid response into its tables with their row counts', async () => {
    await fc.assert(fc.asyncProperty(responses, async (response) => {
      const outcome = await probe.decode(format, utf8.encode(response.text));
      expect(outcome).toMatchObject({ outcome: 'tables', primaryRowCounts: response.rowCounts });
    }), { ...SETTINGS, numRuns: 100 });
  }, TEST_TIMEOUT);

  it('ends every damaged response as tables or an error value, never a hang or a throw', async () => {
    await fc.assert(fc.asyncProperty(damagedBodyArbitrary(responses), (bytes) => endsAsTablesOrError(format, bytes)), SETTINGS);
  }, TEST_TIMEOUT);

  it('ends every prefix of a valid response as tables or an error value', async () => {
    await fc.assert(fc.asyncProperty(responses, fc.double({ min: 0, max: 1, noNaN: true }), async (response, cut) => {
      const bytes = utf8.encode(response.text);
      await endsAsTablesOrError(format, bytes.subarray(0, Math.floor(cut * bytes.length)));
    }), SETTINGS);
  }, TEST_TIMEOUT);
});

describe('decoding a cut v2 response', () => {
  it('never reads a body cut before its DataSetCompletion as a complete result', async () => {
    await fc.assert(fc.asyncProperty(v2ResponseArbitrary, fc.double({ min: 0, max: 1, noNaN: true }), async (response, cut) => {
      const completionAt = utf8.encode(response.text.slice(0, response.text.lastIndexOf('"DataSetCompletion"'))).length;
      const outcome = await probe.decode('v2', utf8.encode(response.text).subarray(0, Math.floor(cut * completionAt)));
      expect(outcome.outcome).toBe('error');
    }), SETTINGS);
  }, TEST_TIMEOUT);
});
