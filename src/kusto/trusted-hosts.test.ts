import { describe, expect, it } from 'vitest';
import { isTrustedKustoHost } from './trusted-hosts';

describe('isTrustedKustoHost', () => {
  it.each([
    'https://help.kusto.windows.net',
    'https://mycluster.westeurope.kusto.windows.net',
    'https://x.kusto.fabric.microsoft.com',
    'https://gov.usgovvirginia.kusto.usgovcloudapi.net',
    'https://cn.chinaeast2.kusto.chinacloudapi.cn',
    'https://adx.monitor.azure.com',
    'https://adx.loganalytics.azure.us',
  ])('trusts the well-known Kusto endpoint %s', (url) => {
    expect(isTrustedKustoHost(url)).toBe(true);
  });

  it.each(['https://localhost:8443', 'http://localhost:8080', 'https://127.0.0.1:8443', 'https://[::1]:8443'])('always trusts loopback %s', (url) => {
    expect(isTrustedKustoHost(url)).toBe(true);
  });

  it.each([
    'https://evil.example.com',
    'https://kusto.windows.net.evil.com',
    'https://evilkusto.windows.net',
    'http://help.kusto.windows.net',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isTrustedKustoHost(url)).toBe(false);
  });

  it('trusts hosts the user approved, exactly or by *-suffix', () => {
    expect(isTrustedKustoHost('https://kusto.contoso.com', ['kusto.contoso.com'])).toBe(true);
    expect(isTrustedKustoHost('https://a.b.contoso.com', ['*.contoso.com'])).toBe(true);
    expect(isTrustedKustoHost('https://contoso.com.evil.net', ['*.contoso.com'])).toBe(false);
    expect(isTrustedKustoHost('https://other.com', ['*'])).toBe(false);
  });
});
