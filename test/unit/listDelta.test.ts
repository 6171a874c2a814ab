// listDelta (src/api/listDelta.ts) and SameAnswers (src/api/sameAnswers.ts) against JSON.parse, the oracle: where the
// items of an answer's `result` lie, which of them a new answer changed, and the result rebuilt from the last one with
// only those read anew, over generated envelopes (keys in any order, any spacing, strings with quotes, backslashes,
// brackets and non-ASCII) and generated edits. FUZZ_RUNS and FUZZ_SEED widen or reproduce a run.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import * as z from 'zod';
import { itemChange, itemRangesOf } from '../../src/api/listDelta';
import { SameAnswers } from '../../src/api/sameAnswers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 600);
const SEED = Number(process.env.FUZZ_SEED ?? 11);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Strings that stress a byte scanner: quotes, backslashes, brackets, braces, commas, colons, non-ASCII.
const tricky = fc.string({ unit: fc.constantFrom('a', 'b', '"', '\\', '[', ']', '{', '}', ',', ':', ' ', 'é', '€', '😀', '\n', 'result') , maxLength: 8 });
const json: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.integer({ min: -1000, max: 1000 }), tricky,
    fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(tricky, tie('value'), { maxKeys: 3, noNullPrototype: true })),
})).value;
const item = fc.record({ id: fc.uuid(), name: tricky, on: fc.boolean(), extra: json }, { noNullPrototype: true });
const others = fc.dictionary(fc.constantFrom('success', 'errors', 'messages', 'result_info', 'x"y'), json, { maxKeys: 3, noNullPrototype: true });
const spacing = fc.constantFrom<number | undefined>(undefined, undefined, 0, 1, 2);

function body(envelope: Record<string, Json>, indent: number | undefined): Buffer {
  return Buffer.from(JSON.stringify(envelope, null, indent));
}

/** The envelope with `result` put among the other keys at `at`. */
function envelopeOf(list: Json[], rest: Record<string, Json>, at: number): Record<string, Json> {
  const entries = Object.entries(rest).filter(([key]) => key !== 'result');
  entries.splice(Math.min(at, entries.length), 0, ['result', list]);
  return Object.fromEntries(entries);
}

/** Whether one item read anew is few enough for SameAnswers (a quarter of the list at most) to read it alone. */
function fewEnough(listLength: number): boolean {
  return 1 <= listLength / 4;
}

describe('listDelta: where the items lie', () => {
  test('every range is exactly the bytes of its item, in any envelope and spacing', () => {
    fc.assert(fc.property(fc.array(item, { maxLength: 6 }), others, fc.nat(4), spacing, (list, rest, at, indent) => {
      const bytes = body(envelopeOf(list, rest, at), indent);
      const ranges = itemRangesOf(bytes);
      assert.ok(ranges);
      assert.equal(ranges.starts.length, list.length);
      list.forEach((value, i) => assert.deepEqual(JSON.parse(bytes.toString('utf8', ranges.starts[i], ranges.ends[i])), value));
    }), { numRuns: RUNS, seed: SEED });
  });

  test('no answer for what is not an object with one `result` array', () => {
    for (const text of ['[1,2]', '{"result":{"a":1}}', '{"result":[1],"result":[2]}', '{"result":[1],"re\\u0073ult":[2]}', '{"other":[1]}', '"result"']) {
      assert.equal(itemRangesOf(Buffer.from(text)), undefined, text);
    }
    // An escaped key is the key JSON.parse reads.
    assert.deepEqual(itemRangesOf(Buffer.from('{"re\\u0073ult":[7]}')), { starts: Int32Array.from([16]), ends: Int32Array.from([17]) });
    assert.deepEqual(itemRangesOf(Buffer.from('{"a":"result","result":[ 1 , {"b":"]"} ]}')), { starts: Int32Array.from([25, 29]), ends: Int32Array.from([26, 38]) });
  });
});

describe('listDelta: a new answer rebuilt from the last one', () => {
  const edit = fc.record({ at: fc.nat(5), to: item });
  test('whenever only some items changed in place, they are found, and the rebuilt result is JSON.parse\'s', () => {
    let found = 0;
    fc.assert(fc.property(fc.array(item, { minLength: 1, maxLength: 12 }), others, fc.nat(4), spacing, fc.array(edit, { minLength: 1, maxLength: 3 }), (list, rest, at, indent, edits) => {
      const last = body(envelopeOf(list, rest, at), indent);
      const changedList = [...list];
      for (const e of edits) changedList[e.at % list.length] = e.to;
      const next = body(envelopeOf(changedList, rest, at), indent);
      const ranges = itemRangesOf(last);
      assert.ok(ranges);
      const change = itemChange(last, () => ranges, next);
      if (last.equals(next)) {
        assert.equal(change, undefined);
        return;
      }
      // An edit of one item in place is always found.
      if (edits.length === 1) assert.ok(change, `${last.toString()} → ${next.toString()}`);
      if (!change) return;
      found++;
      const region = JSON.parse(`[${next.toString('utf8', change.regionStart, change.regionEnd)}]`) as Json[];
      const rebuilt = [...list.slice(0, change.from), ...region, ...list.slice(change.to + 1)];
      assert.deepEqual(rebuilt, (JSON.parse(next.toString()) as { result: Json[] }).result);
    }), { numRuns: RUNS, seed: SEED });
    assert.ok(found > RUNS / 4, `changes found in ${found} of ${RUNS} runs`);
  });

  test('SameAnswers: bytes that are not JSON are read as always; a change of spacing between items is no change of items', () => {
    const schema = z.array(z.looseObject({ n: z.number() }));
    const items = Array.from({ length: 12 }, (_, n) => ({ n }));
    const last = Buffer.from(JSON.stringify({ result: items }));
    const kept = (): SameAnswers => {
      const answers = new SameAnswers();
      answers.reading('/list', schema, last).keep({ result: schema.parse(items), status: 200 });
      return answers;
    };
    const nextOf = (text: string): Buffer => Buffer.from(text);
    const compact = last.toString();
    // A space after one comma: between two items, in none.
    const spaced = compact.replace('{"n":4},', '{"n":4}, ');
    // An item edited and a space after its comma.
    const spilled = compact.replace('{"n":4},', '{"n":44}, ');
    // Item 5 dropped, leaving two commas side by side: not JSON.
    const hole = compact.replace('{"n":5}', '');
    // An item with a bracket too many: not JSON either.
    const broken = compact.replace('{"n":5}', '{"n":5}]');
    // The envelope changed as well as an item, before or after the result, by as many bytes: the envelope is read too.
    const envelopeBefore = (count: number, n: number): string => `{"result_info":{"count":${count}},"result":${JSON.stringify(items.map((i) => (i.n === 5 ? { n } : i)))}}`;
    const envelopeAfter = (count: number, n: number): string => `{"result":${JSON.stringify(items.map((i) => (i.n === 5 ? { n } : i)))},"result_info":{"count":${count}}}`;
    for (const envelope of [envelopeBefore, envelopeAfter]) {
      const answers = new SameAnswers();
      answers.reading('/list', schema, nextOf(envelope(1, 5))).keep({ result: schema.parse(items), status: 200, resultInfo: { count: 1 } });
      assert.equal(answers.reading('/list', schema, nextOf(envelope(2, 55))).same, undefined, envelope(2, 55));
    }
    for (const text of [hole, broken]) {
      assert.equal(kept().reading('/list', schema, nextOf(text)).same, undefined, text);
    }
    // Spacing changed too: still the items read before, and 44 read anew.
    const answers = kept();
    const read = answers.reading('/list', schema, last).same?.result as { n: number }[];
    const respaced = answers.reading('/list', schema, nextOf(spaced)).same?.result as { n: number }[] | undefined;
    assert.ok(respaced && respaced.length === 12 && respaced.every((item, at) => item === read[at]), 'every item the object it was');
    const spilledItems = kept().reading('/list', schema, nextOf(spilled)).same?.result as { n: number }[] | undefined;
    assert.deepEqual(spilledItems?.map((i) => i.n), [0, 1, 2, 3, 44, 5, 6, 7, 8, 9, 10, 11]);
    // Items that are numbers: the old 5 is no match for a new 55 that begins with it.
    const numbers = z.array(z.number());
    const counts = new SameAnswers();
    const listOf = (values: number[]): Buffer => Buffer.from(JSON.stringify({ result: values }));
    const before = Array.from({ length: 12 }, (_, i) => i);
    counts.reading('/n', numbers, listOf(before)).keep({ result: before, status: 200 });
    const after = before.map((i) => (i === 5 ? 55 : i));
    assert.deepEqual(counts.reading('/n', numbers, listOf(after)).same?.result, after);
    // The same edit without those: read from the last answer.
    const edited = kept().reading('/list', schema, nextOf(compact.replace('{"n":5}', '{"n":55}'))).same?.result as { n: number }[] | undefined;
    assert.deepEqual(edited?.map((i) => i.n), [0, 1, 2, 3, 4, 55, 6, 7, 8, 9, 10, 11]);
  });

  test('SameAnswers: the same result for the same bytes, the last items (the same objects) around the changed ones, and a full read for anything else', () => {
    const schema = z.array(z.looseObject({ id: z.string(), name: z.string(), on: z.boolean() }));
    const cases = fc.tuple(fc.array(item, { minLength: 1, maxLength: 12 }), others, fc.nat(4), spacing,
      fc.record({ at: fc.nat(6), to: item }),
      fc.oneof(
        fc.record({ kind: fc.constant('edit' as const), at: fc.nat(5), to: item }),
        fc.record({ kind: fc.constant('edits' as const), edits: fc.array(fc.record({ at: fc.nat(11), to: item }), { minLength: 2, maxLength: 3 }) }),
        fc.record({ kind: fc.constant('add' as const), at: fc.nat(6), to: item }),
        fc.record({ kind: fc.constant('remove' as const), at: fc.nat(5) }),
        fc.record({ kind: fc.constant('refused' as const), at: fc.nat(5) }),
        fc.record({ kind: fc.constant('envelope' as const), value: json }),
        fc.record({ kind: fc.constant('respaced' as const), indent: spacing, at: fc.nat(5), to: item }),
      ));
    fc.assert(fc.property(cases, ([list, rest, at, indent, later, change]) => {
      const answers = new SameAnswers();
      const last = body(envelopeOf(list, rest, at), indent);
      const first = answers.reading('/list', schema, last);
      assert.equal(first.same, undefined, 'nothing kept yet');
      const lastResult = schema.parse(list);
      first.keep({ result: lastResult, status: 200 });
      const again = answers.reading('/list', schema, Buffer.from(last));
      assert.equal(again.same?.result, lastResult, 'the same bytes: the same result object');

      const nextList: Json[] = [...list];
      const nextRest: Record<string, Json> = { ...rest };
      if (change.kind === 'edit') nextList[change.at % list.length] = change.to;
      if (change.kind === 'edits') for (const e of change.edits) nextList[e.at % list.length] = e.to;
      if (change.kind === 'add') nextList.splice(change.at % (list.length + 1), 0, change.to);
      if (change.kind === 'remove') nextList.splice(change.at % list.length, 1);
      if (change.kind === 'refused') nextList[change.at % list.length] = { ...(list[change.at % list.length] as Record<string, Json>), on: 'yes' };
      if (change.kind === 'envelope') nextRest.result_info = change.value;
      if (change.kind === 'respaced') nextList[change.at % list.length] = change.to;
      const next = body(envelopeOf(nextList, nextRest, at), change.kind === 'respaced' ? change.indent : indent);
      const reading = answers.reading('/list', schema, next);
      const expected = schema.safeParse((JSON.parse(next.toString()) as { result: unknown }).result);
      if (!reading.same) {
        // Read as always by the caller; never for the one case this is for: a small item changed in place, taken by the schema.
        const edited = change.kind === 'edit' && fewEnough(list.length);
        assert.ok(!edited || next.equals(last) || !expected.success, `${change.kind}: ${last.toString()} → ${next.toString()}`);
        return;
      }
      assert.ok(expected.success, 'a result is handed out only when the schema takes the whole new list');
      assert.deepEqual(reading.same.result, expected.data);
      const result = reading.same.result as unknown[];
      // Items whose bytes did not change are the last result's objects.
      for (let i = 0; i < result.length; i++) {
        const same = lastResult.findIndex((old) => old === result[i]);
        if (same >= 0) assert.deepEqual(lastResult[same], expected.data[i]);
      }
      assert.ok(result.filter((value) => lastResult.includes(value as never)).length >= lastResult.length - 3, 'the unchanged items are kept');
      // And what is kept next is the new answer: the same bytes again give this result, and a later edit is read from it.
      assert.equal(answers.reading('/list', schema, Buffer.from(next)).same?.result, reading.same.result);
      if (nextList.length === 0) return;
      const laterList = [...nextList];
      laterList[later.at % laterList.length] = later.to;
      const third = body(envelopeOf(laterList, nextRest, at), change.kind === 'respaced' ? change.indent : indent);
      const thirdReading = answers.reading('/list', schema, third);
      const thirdExpected = schema.parse((JSON.parse(third.toString()) as { result: unknown }).result);
      if (thirdReading.same) assert.deepEqual(thirdReading.same.result, thirdExpected);
      else assert.ok(third.equals(next) || !fewEnough(nextList.length), 'an edit in place after a patched answer is found too');
    }), { numRuns: RUNS, seed: SEED });
  });
});
