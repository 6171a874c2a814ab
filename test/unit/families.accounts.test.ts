import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAccounts, verifyAccountToken, verifyUserToken } from '../../src/api/accounts';
import { answering, fakeApi, TEST_CREDENTIAL, type SentRequest } from './families.fake-api';

/** A fake GET /accounts over `total` accounts, paging as Cloudflare does (page, per_page, result_info). */
function accountsServer(total: number, options: { withResultInfo?: boolean } = {}) {
  const all = Array.from({ length: total }, (_, i) => ({ id: `acc-${i + 1}`, name: `Account ${i + 1}`, type: 'standard' }));
  return fakeApi((request: SentRequest) => {
    const page = Number(request.query?.page ?? 1);
    const perPage = Number(request.query?.per_page ?? 20);
    const result = all.slice((page - 1) * perPage, page * perPage);
    const resultInfo = { page, per_page: perPage, count: result.length, total_count: total };
    return options.withResultInfo === false ? { result } : { result, resultInfo };
  });
}

describe('Token verification', () => {
  test('a user token is verified at /user/tokens/verify', async () => {
    const fake = answering({ id: 'tok-1', status: 'active', expires_on: '2027-01-01T00:00:00Z' });
    const verified = await verifyUserToken(fake.api, TEST_CREDENTIAL);
    assert.deepEqual(fake.sent, [{ method: 'GET', path: '/user/tokens/verify', hasBody: false }]);
    assert.equal(verified.status, 'active');
  });

  test('an account-owned token is verified under its (encoded) account', async () => {
    const fake = answering({ id: 'tok-2', status: 'disabled' });
    const verified = await verifyAccountToken(fake.api, TEST_CREDENTIAL, 'abc/def');
    assert.deepEqual(fake.sent, [{ method: 'GET', path: '/accounts/abc%2Fdef/tokens/verify', hasBody: false }]);
    assert.equal(verified.status, 'disabled');
  });
});

describe('Listing accounts', () => {
  test('pages of 50 until page * per_page reaches total_count (no extra empty page)', async () => {
    const fake = accountsServer(120);
    const accounts = await listAccounts(fake.api, TEST_CREDENTIAL);
    assert.deepEqual(fake.sent.map((r) => r.query), [{ page: 1, per_page: 50 }, { page: 2, per_page: 50 }, { page: 3, per_page: 50 }]);
    assert.equal(accounts.length, 120);
    assert.equal(accounts[119]?.id, 'acc-120');
  });

  test('exactly one full page with total_count stops after one request', async () => {
    const fake = accountsServer(50);
    assert.equal((await listAccounts(fake.api, TEST_CREDENTIAL)).length, 50);
    assert.equal(fake.sent.length, 1);
  });

  test('without result_info, a short page is the last one', async () => {
    const fake = accountsServer(70, { withResultInfo: false });
    assert.equal((await listAccounts(fake.api, TEST_CREDENTIAL)).length, 70);
    assert.equal(fake.sent.length, 2);
  });

  test('a server that always returns full pages is cut off at the page cap', async () => {
    let served = 0;
    const fake = fakeApi(() => ({ result: Array.from({ length: 50 }, () => ({ id: `a-${++served}`, name: 'x' })) }));
    const accounts = await listAccounts(fake.api, TEST_CREDENTIAL, { maxPages: 3 });
    assert.equal(fake.sent.length, 3);
    assert.equal(accounts.length, 150);
  });

  test('an empty or null result ends the listing; a repeated account is listed once', async () => {
    assert.deepEqual(await listAccounts(answering(null).api, TEST_CREDENTIAL), []);
    const repeating = fakeApi((_r, index) => ({
      result: index === 0 ? Array.from({ length: 50 }, (_, i) => ({ id: `a-${i}`, name: 'x' })) : [{ id: 'a-0', name: 'x' }],
    }));
    assert.equal((await listAccounts(repeating.api, TEST_CREDENTIAL)).length, 50);
    assert.equal(repeating.sent.length, 2);
  });
});
