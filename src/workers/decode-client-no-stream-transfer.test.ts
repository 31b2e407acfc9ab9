import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeV2Bytes } from '../kusto/decode-v2';
import { col, dataTable, toV2Text, v2Response } from '../testing/v2-factories';
import type { WorkerRequest, WorkerResponse } from './protocol';

/**
 * A browser whose workers cannot take a transferred ReadableStream (postMessage throws
 * DataCloneError): the body is read here and its pieces are forwarded instead. The stand-in worker
 * decodes what it was sent with the real decoder.
 */
class WorkerWithoutStreamTransfer {
  static received: string[] = [];
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  private pieces: Uint8Array[] = [];

  postMessage(message: WorkerRequest, transfer: Transferable[] = []): void {
    if (transfer.some((t) => t instanceof ReadableStream)) throw new DOMException('ReadableStream could not be cloned.', 'DataCloneError');
    WorkerWithoutStreamTransfer.received.push(message.type);
    if (message.type === 'decode-piece') this.pieces.push(new Uint8Array(message.bytes));
    if (message.type === 'decode-end') {
      const bytes = new Uint8Array(this.pieces.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of this.pieces) {
        bytes.set(p, at);
        at += p.length;
      }
      const answer: WorkerResponse = { type: 'decoded', id: message.id, result: decodeV2Bytes(bytes), decodeMs: 0 };
      queueMicrotask(() => this.onmessage?.({ data: answer } as MessageEvent<WorkerResponse>));
    }
  }

  terminate(): void {}
}

afterEach(() => vi.unstubAllGlobals());

describe('decodeStreamInWorker where a stream cannot be transferred', () => {
  it('forwards the body piece by piece and decodes it in the worker', async () => {
    vi.stubGlobal('Worker', WorkerWithoutStreamTransfer);
    vi.resetModules();
    const { decodeStreamInWorker } = await import('./decode-client');
    const text = toV2Text(v2Response([dataTable(1, [col('State', 'string'), col('n', 'long')], [['TEXAS', 3], ['IOWA', 9]])]));
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 40));
        controller.enqueue(bytes.slice(40));
        controller.close();
      },
    });

    const { result, inWorker } = await decodeStreamInWorker(body);

    expect(inWorker).toBe(true);
    expect(WorkerWithoutStreamTransfer.received).toEqual(['decode-begin', 'decode-piece', 'decode-piece', 'decode-end']);
    expect(result.ok && result.dataSet.primaryResults[0]!.rowCount).toBe(2);
  });
});
