import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DEFAULT_BASE_URL, validateBaseUrl } from '../../src/api/baseUrl';

describe('base URL', () => {
  it('accepts the Cloudflare default and strips a trailing slash', () => {
    assert.equal(validateBaseUrl(DEFAULT_BASE_URL), 'https://api.cloudflare.com/client/v4');
    assert.equal(validateBaseUrl('https://api.cloudflare.com/client/v4/'), 'https://api.cloudflare.com/client/v4');
  });

  it('allows plain http only to loopback', () => {
    assert.equal(validateBaseUrl('http://127.0.0.1:8788/client/v4'), 'http://127.0.0.1:8788/client/v4');
    assert.equal(validateBaseUrl('http://localhost:1/x'), 'http://localhost:1/x');
    assert.equal(validateBaseUrl('http://[::1]:9/x'), 'http://[::1]:9/x');
    assert.throws(() => validateBaseUrl('http://evil.example.com/client/v4'), /plain http/);
    assert.throws(() => validateBaseUrl('http://10.0.0.1/client/v4'), /plain http/);
  });

  it('refuses other schemes, embedded credentials and garbage', () => {
    assert.throws(() => validateBaseUrl('ftp://api.cloudflare.com/'), /https/);
    assert.throws(() => validateBaseUrl('https://user:pw@api.cloudflare.com/'), /user name or password/);
    assert.throws(() => validateBaseUrl('not a url'), /not a valid URL/);
  });
});
