import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tenantHost } from '../../src/families/riskScoringIntegrations';

/** What tenantHost always meant: the URL's host, or the text as it is when it does not parse. */
function byUrl(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

describe('risk scoring display names: tenantHost', () => {
  test('the fast path for plain host names gives what URL parsing gives', () => {
    const cases = [
      'https://acme.okta.com', 'https://acme.okta.com/', 'https://acme.okta.com/path?q#f', 'http://acme.okta.com?x', 'https://acme.okta.com#x',
      'https://acme.okta.com.', 'https://localhost', 'https://a-b.c-d', 'https://-a-.com', 'https://ACME.okta.com', 'https://acme.okta.com:443/',
      'https://acme.okta.com:8443', 'https://user@acme.okta.com', 'https://acme..com', 'https://1.2.3', 'https://10.0.0.1', 'https://abc.0x1',
      'https://abc.123', 'https://xn--nxasmq6b.com', 'https://xn--zz.com', 'https://ab--cd.com', 'https://a_b.com', 'https://münchen.de',
      ' https://acme.okta.com', 'https://acme.okta.com ', 'https://ac\tme.com', 'https:\\\\acme.okta.com', 'HTTPS://acme.okta.com', 'ftp://acme.com',
      'https:///acme', 'https://', 'acme.okta.com', '', 'not a url', 'https://%61cme.com', 'https://[::1]/',
    ];
    for (const url of cases) assert.equal(tenantHost(url), byUrl(url), JSON.stringify(url));
  });

  test('random URLs over a small alphabet agree with URL parsing', () => {
    const alphabet = ['a', 'b', 'z', 'A', '0', '9', '.', '-', ':', '@', '/', '?', '#', '_', 'xn--', ' ', '%', '[', ']', 'é'];
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 20_000; i++) {
      let host = '';
      const length = 1 + Math.floor(next() * 12);
      for (let k = 0; k < length; k++) host += alphabet[Math.floor(next() * alphabet.length)];
      const url = `${next() < 0.5 ? 'https' : 'http'}://${host}`;
      assert.equal(tenantHost(url), byUrl(url), JSON.stringify(url));
    }
  });
});
