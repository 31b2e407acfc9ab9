import { describe, expect, it } from 'vitest';
import { loginHintFrom } from './login-hint';

describe('login hint', () => {
  it('prefers the URL parameter, then config', () => {
    expect(loginHintFrom('?login_hint=fiona%40fabrikam.test', 'ada@local.test')).toBe('fiona@fabrikam.test');
    expect(loginHintFrom('?query=abc', 'ada@local.test')).toBe('ada@local.test');
    expect(loginHintFrom('', undefined)).toBeUndefined();
  });

  it('ignores a parameter that is not an email or UPN', () => {
    expect(loginHintFrom('?login_hint=%3Cscript%3E', 'ada@local.test')).toBe('ada@local.test');
    expect(loginHintFrom('?login_hint=', undefined)).toBeUndefined();
  });
});
