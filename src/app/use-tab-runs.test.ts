import { describe, expect, it } from 'vitest';
import { kustoError } from '../kusto/errors';
import { explainError, retryableRequest, type TabRunState } from './use-tab-runs';

const request = { clusterUrl: 'https://localhost:8443', database: 'Samples', text: 'T', statementStart: 0, documentText: 'T' };

describe('explainError', () => {
  it('says which database, cluster and user a 403 was about', () => {
    const error = explainError(kustoError('forbidden', 'Principal is not authorized to read database Samples', { httpStatus: 403 }), request, 'viewer@local.test');
    expect(error.kind).toBe('forbidden');
    expect(error.message).toBe('No access to database Samples on cluster https://localhost:8443 as viewer@local.test.\nPrincipal is not authorized to read database Samples');
  });

  it('leaves other kinds as the service worded them', () => {
    const error = kustoError('network', 'Could not reach https://localhost:8443: Failed to fetch');
    expect(explainError(error, request, 'u')).toBe(error);
  });
});

describe('retryableRequest', () => {
  const state = (error: TabRunState['error'], running = false): TabRunState => ({ running, lastRun: null, arriving: null, error, markers: [], lastRequest: request, lastRunIsEarlier: false });

  it.each(['network', 'throttled', 'server', 'timeout'] as const)('offers the last request again after a %s error', (kind) => {
    expect(retryableRequest(state(kustoError(kind, 'x')))).toBe(request);
  });

  it.each(['syntax', 'semantic', 'forbidden', 'cancelled', 'partial'] as const)('offers nothing after a %s error: the same request would fail the same way', (kind) => {
    expect(retryableRequest(state(kustoError(kind, 'x')))).toBeNull();
  });

  it('offers nothing while running or without an error', () => {
    expect(retryableRequest(state(kustoError('network', 'x'), true))).toBeNull();
    expect(retryableRequest(state(null))).toBeNull();
  });
});
