import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CloudflareApiError, kindForStatus } from '../../src/api/errors';
import { accountIdOfPath, explainFailure } from '../../src/ui/errorText';

const RISK = '/accounts/9b1d3f5a7c2e4b6d8f0a1c3e5b7d9f2a/zt_risk_scoring/integrations';
const POSTURE = '/accounts/4f8a2c6e1b3d5f7a9c0e2b4d6f8a1c3e/devices/posture/integration';

function apiError(status: number, method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, errors: { code: number; message: string; documentation_url?: string }[]): CloudflareApiError {
  return new CloudflareApiError({ kind: kindForStatus(status, errors), method, path, status, errors, cfRay: '8f00aa11bb22cc33-SJC' });
}

describe('error kinds from what Cloudflare answers', () => {
  test('401 is a rejected credential; 403 a missing permission; 403 with 3314 a missing feature; 400 with 2046 refused provider credentials', () => {
    assert.equal(kindForStatus(401, [{ code: 10000, message: 'Authentication error' }]), 'credential');
    assert.equal(kindForStatus(403, [{ code: 10000, message: 'Forbidden' }]), 'permission');
    assert.equal(kindForStatus(403, [{ code: 3314, message: 'Forbidden' }]), 'feature');
    assert.equal(kindForStatus(400, [{ code: 2046, message: 'invalid posture integration request: invalid credentials: x' }]), 'providerCredentials');
    assert.equal(kindForStatus(400, [{ code: 1001, message: 'bad' }]), 'validation');
    assert.equal(kindForStatus(502), 'server');
  });
});

describe('explainFailure: one plain sentence per kind, in the family\'s terms', () => {
  test('a missing feature names the feature, the account and what it needs, with Learn more; never the token', () => {
    const error = apiError(403, 'GET', RISK, [{ code: 3314, message: 'Forbidden' }]);
    const explained = explainFailure(error, { what: 'Loading risk scoring integrations', accountName: 'Acme Labs' });
    assert.equal(explained.text, 'Risk scoring is not available on Acme Labs: it needs Enterprise Zero Trust. Cloudflare said 3314: Forbidden, cf-ray 8f00aa11bb22cc33-SJC.');
    assert.equal(explained.docsUrl, 'https://developers.cloudflare.com/cloudflare-one/insights/risk-score/');
    assert.equal(explained.retryable, false);
    assert.doesNotMatch(explained.text, /token/i);
  });

  test('a missing permission on a write names the write permission and links the page Cloudflare sent', () => {
    const docs = 'https://developers.cloudflare.com/api/resources/zero_trust/subresources/devices/subresources/posture/subresources/integrations/methods/edit/';
    const error = apiError(403, 'PATCH', `${POSTURE}/abc`, [{ code: 10000, message: 'Forbidden', documentation_url: docs }]);
    const explained = explainFailure(error, { what: 'Applying "Corp CrowdStrike"', accountName: 'Acme Corp' });
    assert.equal(explained.text, 'Applying "Corp CrowdStrike" is not allowed: the token for Acme Corp lacks "Zero Trust Write", the permission Cloudflare lists for this (the linked page lists the accepted permissions). Cloudflare said 10000: Forbidden, cf-ray 8f00aa11bb22cc33-SJC.');
    assert.equal(explained.docsUrl, docs);
  });

  test('a missing permission on a list names the read permission', () => {
    const error = apiError(403, 'GET', POSTURE, [{ code: 10000, message: 'Forbidden' }]);
    assert.match(explainFailure(error, { what: 'Loading device posture integrations' }).text, /lacks "Zero Trust Read"/);
  });

  test('refused provider credentials name the provider and the fields to check', () => {
    const error = apiError(400, 'POST', POSTURE, [{ code: 2046, message: 'invalid posture integration request: invalid credentials: CrowdStrike rejected the client credentials' }]);
    const document = { name: 'x', type: 'crowdstrike_s2s', interval: '10m', config: { api_url: 'a', customer_id: 'b', client_id: 'c', client_secret: 'invalid' } };
    const explained = explainFailure(error, { what: 'Applying "this device posture integration draft"', document });
    assert.equal(explained.text, 'Applying "this device posture integration draft" failed: CrowdStrike refused the credentials Cloudflare checked (2046: invalid posture integration request: invalid credentials: CrowdStrike rejected the client credentials, cf-ray 8f00aa11bb22cc33-SJC). Check config.api_url, config.customer_id, config.client_id and config.client_secret.');
    assert.doesNotMatch(explained.text, /token/i);
  });

  test('a rejected credential says so and offers no retry; a server error is retryable and says nothing of the token', () => {
    const rejected = explainFailure(apiError(401, 'GET', RISK, [{ code: 10000, message: 'Authentication error' }]), { what: 'Loading', accountName: 'Acme Corp' });
    assert.match(rejected.text, /^Loading failed: Cloudflare rejected the token for Acme Corp \(10000: Authentication error, cf-ray [^)]+\)\. Update the token or sign out\.$/);
    assert.equal(rejected.retryable, false);
    const server = new CloudflareApiError({ kind: 'server', method: 'GET', path: POSTURE, status: 502, reason: 'HTTP 502 with a body that is not Cloudflare JSON' });
    const explained = explainFailure(server, { what: 'Loading device posture integrations' });
    assert.equal(explained.retryable, true);
    assert.doesNotMatch(explained.text, /token|credential/i);
  });

  test('the account of a request path', () => {
    assert.equal(accountIdOfPath(`${RISK}/x`), '9b1d3f5a7c2e4b6d8f0a1c3e5b7d9f2a');
    assert.equal(accountIdOfPath('/user/tokens/verify'), undefined);
  });
});
