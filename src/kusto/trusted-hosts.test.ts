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

  it.each(['https://localhost:8443', 'https://127.0.0.1:8443', 'https://[::1]:8443', 'https://127.8.9.10'])(
    'does not trust loopback %s unless the config names it',
    (url) => {
      expect(isTrustedKustoHost(url)).toBe(false);
    },
  );

  it('trusts a loopback host the config names, over https only', () => {
    expect(isTrustedKustoHost('https://localhost:8443', ['localhost'])).toBe(true);
    expect(isTrustedKustoHost('https://[::1]:8443', ['[::1]'])).toBe(true);
    expect(isTrustedKustoHost('https://127.0.0.1:8443', ['127.0.0.1'])).toBe(true);
    // A token over plain http could be read by anything on the path, loopback or not.
    expect(isTrustedKustoHost('http://localhost:8080', ['localhost'])).toBe(false);
    expect(isTrustedKustoHost('http://127.0.0.1:8080', ['127.0.0.1'])).toBe(false);
    expect(isTrustedKustoHost('http://kusto.contoso.com', ['kusto.contoso.com'])).toBe(false);
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
