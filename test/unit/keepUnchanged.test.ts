// keepUnchanged (src/tree/keepUnchanged.ts): a refresh keeps the earlier object of every resource the server sent
// again unchanged. The oracle for "unchanged" is Node's own isDeepStrictEqual, not the library the code uses.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { keepUnchanged } from '../../src/tree/keepUnchanged';

interface Item {
  readonly id: string;
  readonly [key: string]: unknown;
}

const posture = (id: string, interval = '10m', config: unknown = { client_id: 'c', api_url: 'https://a.example' }): Item => ({
  id, name: `Corp ${id}`, type: 'crowdstrike_s2s', interval, config,
});
/** A fresh copy, as a new JSON.parse of the same answer makes. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('keepUnchanged', () => {
  test('a listing equal to the last one, item for item and in order, is the last listing itself', () => {
    const previous = [posture('a'), posture('b'), posture('c')];
    assert.equal(keepUnchanged(previous, copy(previous)), previous);
  });

  test('equal resources keep their earlier objects, a changed one is the new object, and the order is the new one', () => {
    const previous = [posture('a'), posture('b'), posture('c')];
    const next = [copy(previous[2] as Item), posture('b', '24h'), copy(previous[0] as Item), posture('d')];
    const result = keepUnchanged(previous, next);
    assert.notEqual(result, previous);
    assert.notEqual(result, next, 'the new listing is not changed in place');
    assert.equal(result[0], previous[2], 'c moved to the front and is kept');
    assert.equal(result[1], next[1], 'b changed its interval');
    assert.equal(result[2], previous[0], 'a moved and is kept');
    assert.equal(result[3], next[3], 'd is new');
    assert.equal(next[0] === previous[2], false, 'the argument is left as it was');
  });

  test('a nested difference (a config field, an array item, a key added or removed) is a change', () => {
    const base = posture('a', '10m', { client_id: 'c', scopes: ['x', 'y'] });
    const variants: Item[] = [
      posture('a', '10m', { client_id: 'd', scopes: ['x', 'y'] }),
      posture('a', '10m', { client_id: 'c', scopes: ['x', 'z'] }),
      posture('a', '10m', { client_id: 'c', scopes: ['x'] }),
      posture('a', '10m', { client_id: 'c', scopes: ['x', 'y'], api_url: 'https://b.example' }),
      posture('a', '10m', { client_id: 'c' }),
      posture('a', '10m', null),
      { ...posture('a', '10m', { client_id: 'c', scopes: ['x', 'y'] }), extra: false },
    ];
    for (const variant of variants) assert.equal(keepUnchanged([base], [variant])[0], variant, JSON.stringify(variant));
    assert.equal(keepUnchanged([base], [copy(base)])[0], base, 'an equal copy is kept');
  });

  test('a removed resource makes a new listing even when the rest is kept in place', () => {
    const previous = [posture('a'), posture('b')];
    const result = keepUnchanged(previous, [copy(previous[0] as Item)]);
    assert.deepEqual(result, [previous[0]]);
    assert.equal(result[0], previous[0]);
    assert.notEqual(result, previous);
  });

  test('nothing before: the new listing as it is', () => {
    const next = [posture('a')];
    assert.equal(keepUnchanged([], next), next);
    assert.equal(keepUnchanged(next, next), next);
  });

  test('property: every item equals the new one, and is the new object or an earlier object of the same id equal to it', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.boolean(), fc.integer({ min: -3, max: 3 }), fc.constantFrom('x', 'y', ''), fc.constant(null),
        fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('p', 'q', 'r'), tie('value'), { maxKeys: 3, noNullPrototype: true })),
    })).value;
    const item = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e'), v: json, w: json }, { requiredKeys: ['id', 'v'], noNullPrototype: true });
    const lists = fc.tuple(fc.array(item, { maxLength: 6 }), fc.array(item, { maxLength: 6 }), fc.array(fc.nat(5), { maxLength: 6 }));
    fc.assert(fc.property(lists, ([previous, fresh, copies]) => {
      // JSON.parse makes plain objects only (no null prototypes). Some new items are copies of earlier ones (what a refresh mostly sees), the rest are arbitrary.
      const next = fresh.map((candidate, at) => {
        const source = previous[copies[at] ?? 99];
        return source ? copy(source) : candidate;
      });
      const snapshot = copy(next);
      const result = keepUnchanged(previous as Item[], next as Item[]);
      assert.equal(result.length, next.length);
      assert.deepEqual(copy(next), snapshot, 'the new listing is not changed');
      result.forEach((kept, at) => {
        const sent = next[at] as Item;
        assert.ok(isDeepStrictEqual(copy(kept), copy(sent)), `item ${at} equals what the server sent`);
        if (kept !== sent) assert.ok(previous.includes(kept as never) && kept.id === sent.id, `item ${at} is an earlier object of id ${sent.id}`);
      });
      // An earlier object is kept wherever one of the same id (the last of them, as a lookup by id finds) is equal.
      result.forEach((kept, at) => {
        const sent = next[at] as Item;
        const samePlace = previous[at]?.id === sent.id ? previous[at] : undefined;
        const before = samePlace ?? [...previous].reverse().find((p) => p.id === sent.id);
        if (before && isDeepStrictEqual(copy(before), copy(sent))) assert.equal(kept, before, `item ${at} keeps the earlier object`);
      });
    }), { numRuns: 2000, seed: Number(process.env.FUZZ_SEED ?? 7) });
  });
});
