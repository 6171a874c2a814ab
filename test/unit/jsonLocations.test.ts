import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { type JsonSyntaxError, type ParsedJson, parseJsonWithLocations } from '../../src/editor/jsonLocations';
import { positionAt } from '../../src/editor/textPositions';

function parseOk(text: string): ParsedJson {
  const result = parseJsonWithLocations(text);
  if (!result.ok) assert.fail(`expected ${JSON.stringify(text.slice(0, 80))} to parse, got ${JSON.stringify(result.errors)}`);
  return result.json;
}

function parseError(text: string): JsonSyntaxError {
  const result = parseJsonWithLocations(text);
  if (result.ok) return assert.fail(`expected ${JSON.stringify(text.slice(0, 80))} to be rejected`);
  assert.equal(result.errors.length, 1);
  return result.errors[0] as JsonSyntaxError;
}

const slice = (text: string, span: { offset: number; length: number }): string => text.slice(span.offset, span.offset + span.length);

/** Deterministic PRNG (mulberry32), so a failing random case can be reproduced. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CONFIG = `{
  "tenant_url": "https://example.okta.com",
  "config": {
    "client_id": "abc-123",
    "scopes": ["read", "write"],
    "enabled": true
  }
}`;

describe('parseJsonWithLocations: values', () => {
  it('gives the same value as JSON.parse for valid documents', () => {
    const docs = [
      CONFIG,
      '0', '-0', '1.5e-3', '-12.34E+5', '1e400', '123456789012345678901234567890', ' true ', 'false', 'null',
      '""', '"plain"', '"\\"\\\\\\/\\b\\f\\n\\r\\t"', '"\\u00e9\\u4e2d\\uD83D\\uDE00"', '"lone \\ud800 surrogate"',
      '"héllo ✓ 😀 \u2028"', '[]', '{}', '[[],[{}],{"a":[1,{"b":null}]}]', '\t\r\n {"a" : [ 1 , 2 ] }\n',
      '{"":1,"constructor":2,"toString":3,"hasOwnProperty":"x"}', '[0,-1,10,0.0,0e0,1E1]',
    ];
    for (const doc of docs) assert.deepStrictEqual(parseOk(doc).value, JSON.parse(doc), doc);
  });

  it('tolerates a byte order mark at the start only', () => {
    assert.deepStrictEqual(parseOk('\uFEFF{"a":1}').value, { a: 1 });
    assert.equal(parseError('{"a":\uFEFF1}').offset, 5);
  });

  it('makes "__proto__" an own data property without changing the prototype', () => {
    const value = parseOk('{"__proto__": {"polluted": true}, "a": 1}').value as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.ok(Object.hasOwn(value, '__proto__'));
    assert.deepStrictEqual(Object.getOwnPropertyDescriptor(value, '__proto__')?.value, { polluted: true });
    assert.equal((value as { polluted?: unknown }).polluted, undefined);
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    assert.deepStrictEqual(value, JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
  });
});

describe('parseJsonWithLocations: spans', () => {
  const json = parseOk(CONFIG);

  it('spans a value exactly, quotes included', () => {
    assert.equal(slice(CONFIG, json.spanOf(['config', 'client_id'])), '"abc-123"');
    assert.equal(slice(CONFIG, json.spanOf(['tenant_url'])), '"https://example.okta.com"');
    assert.equal(slice(CONFIG, json.spanOf(['config', 'scopes', 1])), '"write"');
    assert.equal(slice(CONFIG, json.spanOf(['config', 'scopes', '0'])), '"read"');
    assert.equal(slice(CONFIG, json.spanOf(['config', 'enabled'])), 'true');
    assert.equal(slice(CONFIG, json.spanOf(['config', 'scopes'])), '["read", "write"]');
    assert.deepStrictEqual(json.spanOf([]), { offset: 0, length: CONFIG.length });
  });

  it('spans a property key for keySpanOf', () => {
    assert.equal(slice(CONFIG, json.keySpanOf(['config', 'client_id'])), '"client_id"');
    assert.equal(slice(CONFIG, json.keySpanOf(['config'])), '"config"');
    // Array elements have no key: the element itself.
    assert.equal(slice(CONFIG, json.keySpanOf(['config', 'scopes', 0])), '"read"');
  });

  it('falls back to the nearest existing ancestor for a missing path', () => {
    const config = json.spanOf(['config']);
    assert.ok(slice(CONFIG, config).startsWith('{\n    "client_id"'));
    assert.ok(slice(CONFIG, config).endsWith('true\n  }'));
    assert.deepStrictEqual(json.spanOf(['config', 'client_secret']), config);
    assert.deepStrictEqual(json.spanOf(['config', 'missing', 'deeper']), config);
    assert.deepStrictEqual(json.keySpanOf(['config', 'client_secret']), config);
    assert.equal(slice(CONFIG, json.spanOf(['config', 'scopes', 2])), '["read", "write"]');
    assert.equal(slice(CONFIG, json.spanOf(['config', 'scopes', -1])), '["read", "write"]');
    assert.equal(slice(CONFIG, json.spanOf(['config', 'client_id', 'x'])), '"abc-123"');
    assert.deepStrictEqual(json.spanOf(['nope']), { offset: 0, length: CONFIG.length });
  });

  it('excludes the byte order mark and surrounding whitespace from the root span', () => {
    const text = '\uFEFF  [1]\n';
    assert.deepStrictEqual(parseOk(text).spanOf([]), { offset: 3, length: 3 });
  });
});

describe('parseJsonWithLocations: syntax errors', () => {
  const cases: { text: string; message: string | RegExp; at: string; length?: number }[] = [
    // `at` marks where the error must be: the text up to that marker's first occurrence.
    { text: '{"a": 1,}', message: 'Trailing comma', at: '{"a": 1', length: 1 },
    { text: '[1, 2, ]', message: 'Trailing comma', at: '[1, 2', length: 1 },
    { text: '{"a": 1 "b": 2}', message: "Expected ',' or '}' after property value", at: '{"a": 1 ', length: 1 },
    { text: '[1 2]', message: "Expected ',' or ']' after array element", at: '[1 ', length: 1 },
    { text: '{"a" 1}', message: "Expected ':' after property name", at: '{"a" ' },
    { text: '{a: 1}', message: 'Expected property name in double quotes', at: '{' },
    { text: '{\n  // note\n  "a": 1}', message: 'Comments are not allowed in JSON', at: '{\n  ', length: 7 },
    { text: '[1, /* x */ 2]', message: 'Comments are not allowed in JSON', at: '[1, ', length: 7 },
    { text: '[1] /* open', message: 'Comments are not allowed in JSON', at: '[1] ', length: 7 },
    { text: '{"a": "abc', message: 'Unterminated string', at: '{"a": ', length: 4 },
    { text: '{"a": "abc\n}', message: 'Unterminated string', at: '{"a": ', length: 4 },
    { text: '"abc\\', message: 'Unterminated string', at: '' },
    { text: '"a\tb"', message: 'Control characters must be escaped in strings', at: '"a' },
    { text: '"\\x41"', message: "Invalid escape sequence '\\x'", at: '"', length: 2 },
    { text: '"\\u12G4"', message: /Invalid unicode escape/, at: '"', length: 6 },
    { text: '{"a": 1, "b": 2, "a": 3}', message: 'Duplicate key "a"', at: '{"a": 1, "b": 2, ', length: 3 },
    { text: '{"x": 01}', message: 'Invalid number "01"', at: '{"x": ', length: 2 },
    { text: '[+1]', message: 'Invalid number "+1"', at: '[' },
    { text: '[.5]', message: 'Invalid number ".5"', at: '[' },
    { text: '[1.]', message: 'Invalid number "1."', at: '[' },
    { text: '[1e]', message: 'Invalid number "1e"', at: '[' },
    { text: '[-]', message: 'Invalid number "-"', at: '[' },
    { text: '[NaN]', message: 'Invalid number "NaN"', at: '[', length: 3 },
    { text: '[-Infinity]', message: 'Invalid number "-Infinity"', at: '[', length: 9 },
    { text: '[0x10]', message: 'Invalid number "0x10"', at: '[' },
    { text: '[True]', message: 'Unexpected token "True"', at: '[' },
    { text: "['a']", message: 'Strings must use double quotes', at: '[' },
    { text: '{"a": }', message: "Expected a value, found '}'", at: '{"a": ' },
    { text: '[1] [2]', message: 'Unexpected content after the JSON value', at: '[1] ' },
    { text: '', message: 'Unexpected end of input', at: '', length: 0 },
    { text: '   ', message: 'Unexpected end of input', at: '   ', length: 0 },
    { text: '{"a": [1, {"b": ', message: 'Unexpected end of input', at: '{"a": [1, {"b": ', length: 0 },
    { text: '{"a": 1', message: 'Unexpected end of input', at: '{"a": 1', length: 0 },
    { text: '{', message: 'Unexpected end of input', at: '{', length: 0 },
  ];
  for (const { text, message, at, length } of cases) {
    it(`${JSON.stringify(text)} → ${String(message)}`, () => {
      const error = parseError(text);
      if (typeof message === 'string') assert.equal(error.message, message);
      else assert.match(error.message, message);
      assert.equal(error.offset, at.length);
      if (length !== undefined) assert.equal(error.length, length);
      assert.ok(error.offset + error.length <= text.length);
    });
  }

  it('caps nesting at 1,000 levels with an error instead of a stack overflow', () => {
    assert.deepStrictEqual(parseOk('['.repeat(1000) + ']'.repeat(1000)).spanOf([]), { offset: 0, length: 2000 });
    for (const [open, close] of [['[', ']'], ['{"a":', '}']] as const) {
      for (const depth of [1001, 5000, 100_000]) {
        const error = parseError(open.repeat(depth) + close.repeat(depth));
        assert.equal(error.message, 'Nesting is too deep');
        assert.equal(error.offset, open.length * 1000);
      }
    }
  });

  it('never throws, and accepts exactly what JSON.parse accepts, on mutated documents', () => {
    const random = prng(7);
    const alphabet = ['{', '}', '[', ']', ',', ':', '"', '\\', '/', '*', ' ', '\n', '0', '1', '-', '.', 'e', 'u', 'a', 't', 'n', '\u0001'];
    let rejected = 0;
    for (let n = 0; n < 3000; n++) {
      let text = CONFIG;
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
        const at = Math.floor(random() * (text.length + 1));
        const what = Math.floor(random() * 3);
        const char = alphabet[Math.floor(random() * alphabet.length)] ?? '';
        if (what === 0) text = text.slice(0, at) + text.slice(at + 1);
        else if (what === 1) text = text.slice(0, at) + char + text.slice(at);
        else text = text.slice(0, at); // truncation
      }
      const result = parseJsonWithLocations(text);
      let expected: unknown;
      let valid = true;
      try {
        expected = JSON.parse(text);
      } catch {
        valid = false;
      }
      if (result.ok) {
        assert.ok(valid, `accepted invalid ${JSON.stringify(text)}`);
        assert.deepStrictEqual(result.json.value, expected);
      } else {
        rejected++;
        const [error] = result.errors;
        assert.ok(error && error.offset >= 0 && error.offset + error.length <= text.length, JSON.stringify({ text, error }));
        if (valid) assert.match(error.message, /^Duplicate key/, `rejected valid ${JSON.stringify(text)}`);
      }
    }
    assert.ok(rejected > 1000, `mutations should mostly break the document (${rejected})`);
  });
});

describe('positionAt', () => {
  it('counts lines across CRLF, LF and lone CR, in UTF-16 code units', () => {
    const text = 'ab\r\ncd\nef\rg😀h';
    assert.deepStrictEqual(positionAt(text, 0), { line: 0, character: 0 });
    assert.deepStrictEqual(positionAt(text, 2), { line: 0, character: 2 });
    assert.deepStrictEqual(positionAt(text, 3), { line: 0, character: 2 }); // between \r and \n
    assert.deepStrictEqual(positionAt(text, 4), { line: 1, character: 0 });
    assert.deepStrictEqual(positionAt(text, 5), { line: 1, character: 1 });
    assert.deepStrictEqual(positionAt(text, 7), { line: 2, character: 0 });
    assert.deepStrictEqual(positionAt(text, 10), { line: 3, character: 0 });
    assert.deepStrictEqual(positionAt(text, text.indexOf('h')), { line: 3, character: 3 });
    assert.deepStrictEqual(positionAt(text, 999), { line: 3, character: 4 });
    assert.deepStrictEqual(positionAt(text, -5), { line: 0, character: 0 });
  });

  it('locates a parse error and a value span in a CRLF document', () => {
    const text = '{\r\n  "a": 1,\r\n  "b": [true,]\r\n}';
    const error = parseError(text);
    assert.deepStrictEqual(positionAt(text, error.offset), { line: 2, character: 12 });
    const json = parseOk(text.replace('true,', 'true'));
    assert.deepStrictEqual(positionAt(text, json.spanOf(['b']).offset), { line: 2, character: 7 });
  });
});

describe('parseJsonWithLocations: random documents and size', () => {
  const keys = ['a', 'b', 'client_id', '', '__proto__', 'constructor', 'ключ', '😀', 'with "quotes"', 'tab\there', '0'];

  function randomString(random: () => number): string {
    let s = '';
    for (let n = Math.floor(random() * 8); n > 0; n--) {
      const r = random();
      // Plain ASCII, then control characters, escapes, BMP, astral and lone surrogates.
      s += r < 0.5 ? String.fromCharCode(32 + Math.floor(random() * 95))
        : r < 0.6 ? String.fromCharCode(Math.floor(random() * 32))
          : r < 0.7 ? '"\\/'.charAt(Math.floor(random() * 3))
            : r < 0.85 ? String.fromCharCode(0xa0 + Math.floor(random() * 0xd000))
              : r < 0.95 ? String.fromCodePoint(0x10000 + Math.floor(random() * 0xfffff))
                : String.fromCharCode(0xd800 + Math.floor(random() * 0x800));
    }
    return s;
  }

  function randomValue(random: () => number, depth: number): unknown {
    const r = random();
    if (depth > 4 || r < 0.4) {
      const s = random();
      if (s < 0.1) return null;
      if (s < 0.2) return s < 0.15;
      if (s < 0.4) return Math.floor((random() - 0.5) * 2 ** 40);
      if (s < 0.6) return (random() - 0.5) * 10 ** Math.floor(random() * 60 - 30);
      return randomString(random);
    }
    if (r < 0.7) return Array.from({ length: Math.floor(random() * 5) }, () => randomValue(random, depth + 1));
    const object: Record<string, unknown> = {};
    for (let n = Math.floor(random() * 5); n > 0; n--) {
      const key = random() < 0.7 ? (keys[Math.floor(random() * keys.length)] ?? 'a') : randomString(random);
      Object.defineProperty(object, key, { value: randomValue(random, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return object;
  }

  /** Every value and key span, read back from the text, must be the JSON of what sits at that path. */
  function checkSpans(text: string, json: ParsedJson, value: unknown, path: (string | number)[]): number {
    assert.deepStrictEqual(JSON.parse(slice(text, json.spanOf(path))), value);
    let checked = 1;
    if (Array.isArray(value)) {
      value.forEach((item, i) => (checked += checkSpans(text, json, item, [...path, i])));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        assert.equal(JSON.parse(slice(text, json.keySpanOf([...path, key]))), key);
        checked += checkSpans(text, json, item, [...path, key]);
      }
    }
    return checked;
  }

  it('parses 2,000 random JSON.stringify outputs to the same value, with exact spans', () => {
    const random = prng(42);
    const indents = [undefined, 0, 1, 2, 4, '\t', ' '];
    let spans = 0;
    for (let n = 0; n < 2000; n++) {
      const text = JSON.stringify(randomValue(random, 0), null, indents[Math.floor(random() * indents.length)]);
      const json = parseOk(text);
      const expected: unknown = JSON.parse(text);
      assert.deepStrictEqual(json.value, expected, text);
      spans += checkSpans(text, json, expected, []);
    }
    assert.ok(spans > 5000, `spans checked: ${spans}`);
  });

  // Correctness on large inputs only; the speed is printed as a figure, never asserted.
  it('parses a 10 MB string and a 10 MB document', (t) => {
    const big = 'x'.repeat(6_500_000) + '\\n\\u00e9'.repeat(500_000);
    let start = performance.now();
    const value = parseOk(`{"blob": "${big}"}`).value as { blob: string };
    const stringMs = performance.now() - start;
    const stringMb = (big.length / 1e6).toFixed(1);
    assert.equal(value.blob.length, 6_500_000 + 2 * 500_000);
    assert.equal(value.blob.slice(-4), '\n\u00e9\n\u00e9');

    const items = Array.from({ length: 70_000 }, (_, i) => ({ id: `item-${i}`, enabled: i % 2 === 0, score: i / 7, tags: ['a', 'b\u00e9'] }));
    const doc = JSON.stringify({ items }, null, 2);
    start = performance.now();
    const json = parseOk(doc);
    const docMs = performance.now() - start;
    assert.equal(slice(doc, json.spanOf(['items', 69_999, 'id'])), '"item-69999"');
    t.diagnostic(`${stringMb} MB string: ${stringMs.toFixed(0)} ms; ${(doc.length / 1e6).toFixed(1)} MB document: ${docMs.toFixed(0)} ms`);
  });
});
