// fastCheck (src/api/fastCheck.ts) against zod, the oracle: for every schema the lists use and for synthetic schemas
// covering every kind the compiler models, over property-based corpora (fast-check) of valid items, mutated items and
// arbitrary values:
//   - the fast schema accepts exactly what zod accepts; on failure its issues are zod's (every field), on success its
//     data deep-equals zod's;
//   - the compiled acceptor is exact: true iff zod accepts the value AND returns it unchanged (deep-equal, prototypes
//     included), and then the fast schema returns the value itself;
//   - anything the compiler does not model is refused (compileAcceptor answers undefined; fastChecked hands the schema back).
// The DLP entries list's oracle is its zod schema as it was before the fast path, restated here with zod alone.
// FUZZ_RUNS (per target, default 400) and FUZZ_SEED reproduce or widen a run.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import * as z from 'zod';
import { describeIssues } from '../../src/api/envelope';
import { compileAcceptor, fastChecked, type Acceptor } from '../../src/api/fastCheck';
import type { AccountContext, ApiCaller } from '../../src/api/types';
import { listDevicePostureIntegrations, devicePostureIntegrations } from '../../src/families/devicePostureIntegrations';
import { postureCreateSchema, postureIntegrationSchema } from '../../src/families/devicePostureSchemas';
import { dlpEntrySchema, dlpIntegrationEntrySchema, listDlpEntries } from '../../src/families/dlpEntries';
import { listRiskScoringIntegrations, riskScoringCreateSchema, riskScoringIntegrationSchema } from '../../src/families/riskScoringIntegrations';
import { answering, TEST_CREDENTIAL } from './families.fake-api';

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const MIN_CASES = 5_000;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sets a key as an own property, even "__proto__" (plain assignment would replace the prototype). */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Deep copy keeping own "__proto__" keys, holes and prototypes of plain containers; anything else is shared. */
function copy(value: unknown): unknown {
  if (Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) if (i in value) out[i] = copy(value[i]);
    return out;
  }
  if (typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null)) {
    const out = Object.create(Object.getPrototypeOf(value) as object | null) as Json;
    for (const key of Object.keys(value)) setOwn(out, key, copy((value as Json)[key]));
    return out;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Generators

const HUGE = 'x'.repeat(200_000);
const hostileStrings = ['', ' ', '\u0000', '\ud800', '🙂', '__proto__', 'constructor', 'integration', 'predefined', 'Okta', 'true', 'null', '0', HUGE];
const hostileKeys = [
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', '0', 'x_unknown', 'é',
  'id', 'name', 'type', 'enabled', 'active', 'config', 'reference_id', 'tenant_url', 'profile_id', 'api_url', 'client_id',
];
/** One value of every JSON type (and a few JSON cannot carry), to put where a field's valid value was. */
const wrongValues: unknown[] = [null, true, false, 0, -0, -1, 1.5, 1e308, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '', 'x', HUGE, [], [1], ['x'], {}, { a: 1 }, undefined];

const stringArb = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 10 }), fc.constantFrom(...hostileStrings));
const keyArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...hostileKeys) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });

const anyValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 2, arbitrary: fc.constantFrom(...wrongValues) },
  { weight: 1, arbitrary: stringArb },
  {
    weight: 2,
    arbitrary: fc.anything({
      maxDepth: 2, maxKeys: 4, key: keyArb, withNullPrototype: true, withSparseArray: true, withBoxedValues: true, withDate: true,
      withMap: true, withSet: true, withBigInt: true, withTypedArray: true,
    }),
  },
);

type Def = z.core.$ZodTypes['_zod']['def'];

/**
 * Values a schema accepts, mostly (an enum's reverse names, a literal's neighbours and the extras of a loose object
 * may miss): the generator only has to land near the boundary, zod says which side each value is on.
 */
function validArb(schema: z.core.$ZodType): fc.Arbitrary<unknown> {
  const def = schema._zod.def as Def;
  switch (def.type) {
    case 'string':
      return stringArb;
    case 'number':
      return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-0, Number.MAX_VALUE));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'literal':
      return fc.constantFrom(...def.values);
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries));
    case 'optional':
      return fc.option(validArb(def.innerType), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(validArb(def.innerType), { nil: null, freq: 4 });
    case 'array':
      return fc.array(validArb(def.element), { maxLength: 4 });
    case 'object': {
      const shape = def.shape as Record<string, z.core.$ZodType>;
      const keys = Object.keys(shape);
      const record = fc.record(Object.fromEntries(keys.map((k) => [k, validArb(shape[k] as z.core.$ZodType)])), {
        requiredKeys: keys.filter((k) => (shape[k] as z.core.$ZodType)._zod.optin !== 'optional'),
      });
      return fc.tuple(record, fc.dictionary(keyArb, anyValueArb, { maxKeys: 2 }), fc.boolean()).map(([known, extra, withExtra]) => {
        const out: Json = {};
        for (const key of Object.keys(known)) setOwn(out, key, known[key]);
        if (withExtra) for (const key of Object.keys(extra)) if (!(key in shape)) setOwn(out, key, extra[key]);
        return out;
      });
    }
    default:
      return anyValueArb;
  }
}

/** An edit somewhere in a value: `at` picks the container (objects and arrays, the root first), `pick` a key in it. */
interface Mutation {
  readonly at: number;
  readonly pick: number;
  readonly op: 'delete' | 'set' | 'addKey' | 'proto' | 'empty' | 'hole' | 'reproto';
  readonly key: string;
  readonly value: unknown;
}
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(), pick: fc.nat(),
  op: fc.constantFrom('delete', 'set', 'set', 'set', 'addKey', 'proto', 'empty', 'hole', 'reproto'),
  key: keyArb,
  value: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...wrongValues) }, { weight: 2, arbitrary: anyValueArb }),
});

/** Containers zod takes as arrays or objects but hands back as plain ones. */
class Box {}
class List extends Array<unknown> {}
const arrayPrototypes: (object | null)[] = [List.prototype, null];
const objectPrototypes: (object | null)[] = [Box.prototype, null, Object.create(null) as object];

/** The plain arrays and objects in a value (those copy() copies, so editing them leaves the generated value alone). */
function containersOf(value: unknown, out: object[] = []): object[] {
  if (Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype) {
    out.push(value);
    for (const item of value) containersOf(item, out);
  } else if (isObject(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null)) {
    out.push(value);
    for (const key of Object.keys(value)) containersOf(value[key], out);
  }
  return out;
}

function mutate(value: unknown, mutations: readonly Mutation[]): unknown {
  const root = copy(value);
  for (const m of mutations) {
    const containers = containersOf(root);
    const target = containers[m.at % Math.max(1, containers.length)];
    if (!target) return m.value;
    if (m.op === 'reproto') {
      const prototypes = Array.isArray(target) ? arrayPrototypes : objectPrototypes;
      Object.setPrototypeOf(target, prototypes[m.pick % prototypes.length] as object | null);
      continue;
    }
    if (Array.isArray(target)) {
      const index = target.length ? m.pick % target.length : 0;
      if (m.op === 'empty') target.length = 0;
      else if (m.op === 'delete') target.splice(index, 1);
      else if (m.op === 'hole') delete target[index];
      else target[index] = copy(m.value);
      continue;
    }
    const record = target as Json;
    const keys = Object.keys(record);
    const key = keys.length ? (keys[m.pick % keys.length] as string) : m.key;
    if (m.op === 'delete') delete record[key];
    else if (m.op === 'set') setOwn(record, key, copy(m.value));
    else if (m.op === 'proto') setOwn(record, '__proto__', copy(m.value));
    else setOwn(record, m.key, copy(m.value));
  }
  return root;
}

/** As JSON.parse gives it: own "__proto__" keys stay own data properties; undefined, NaN and holes become null or go. */
function throughJson(value: unknown): unknown {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? value : (JSON.parse(text) as unknown);
  } catch {
    return value; // a BigInt
  }
}

/** A valid value with every optional field present (an enum's last value: a numeric enum lists its names first). */
function fullValue(schema: z.core.$ZodType): unknown {
  const def = schema._zod.def as Def;
  switch (def.type) {
    case 'string':
      return 's';
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    case 'literal':
      return def.values[0];
    case 'enum':
      return Object.values(def.entries).at(-1);
    case 'optional':
    case 'nullable':
      return fullValue(def.innerType);
    case 'array':
      return [fullValue(def.element), fullValue(def.element)];
    case 'object': {
      const out: Json = {};
      for (const [key, field] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) setOwn(out, key, fullValue(field));
      return out;
    }
    case 'null':
      return null;
    default:
      return { nested: [1, 'x'] };
  }
}

/** Valid values, mutated ones (also through JSON text), and arbitrary values. */
function corpusArb(schema: z.core.$ZodType): fc.Arbitrary<unknown> {
  const valid = validArb(schema);
  const mutated = fc.tuple(valid, fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([v, ms]) => mutate(v, ms));
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 5, arbitrary: mutated },
    { weight: 2, arbitrary: mutated.map(throughJson) },
    { weight: 1, arbitrary: anyValueArb },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Oracles

/** The DLP entries list's schema before the fast path, restated with zod alone: the issues the client must still report. */
const anyEntryOracle = z.looseObject({ type: z.string() });
const dlpEntryOracle = z.custom<unknown>().superRefine((item, ctx) => {
  const shaped = anyEntryOracle.safeParse(item);
  if (!shaped.success) {
    for (const issue of shaped.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return;
  }
  if (shaped.data.type !== 'integration') return;
  const parsed = dlpIntegrationEntrySchema.safeParse(item);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
});
const dlpListOracle = z.array(dlpEntryOracle).nullish();

/** The schema a list operation hands the client, caught at the call. */
async function resultSchemaOf(list: (ctx: AccountContext) => Promise<unknown>): Promise<z.ZodType> {
  let caught: z.ZodType | undefined;
  const api: ApiCaller = {
    call(_credential, request) {
      caught = request.result;
      return Promise.reject(new Error('schema caught'));
    },
  };
  await list({ api, credential: TEST_CREDENTIAL, accountId: 'acc-1' }).catch(() => undefined);
  assert.ok(caught, 'the operation made no call');
  return caught;
}

const stats = { cases: 0, fast: 0 };

/**
 * One value through `oracle` and `subject`. `acceptor`, when given, must be exact (true iff zod accepts the value and
 * returns it unchanged). `unchanged` says when the subject must return the value itself.
 */
function compare(oracle: z.ZodType, subject: z.ZodType, value: unknown, acceptor: Acceptor | undefined, unchanged: (data: unknown) => boolean): void {
  stats.cases++;
  const expected = oracle.safeParse(value);
  const actual = subject.safeParse(value);
  assert.equal(actual.success, expected.success, 'accepts what zod accepts');
  if (!expected.success) {
    assert.ok(!actual.success);
    assert.deepStrictEqual(actual.error.issues, expected.error.issues, 'the issues are zod\'s');
    assert.equal(describeIssues(actual.error), describeIssues(expected.error));
  } else {
    assert.ok(actual.success);
    assert.deepStrictEqual(actual.data, expected.data, 'the data is zod\'s');
  }
  const fast = expected.success && unchanged(expected.data);
  if (acceptor) assert.equal(acceptor(value), fast, 'the acceptor is exact');
  if (fast) {
    stats.fast++;
    assert.ok(actual.success && actual.data === value, 'an accepted value comes back as it is');
  }
}

function fuzz(name: string, corpus: fc.Arbitrary<unknown>, check: (value: unknown) => void): void {
  fc.assert(fc.property(corpus, (value) => check(value)), {
    numRuns: RUNS,
    ...(SEED === undefined ? {} : { seed: SEED }),
    reporter: (details) => {
      if (details.failed) throw new Error(`${name}: ${fc.defaultReportMessage(details)}\n${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`);
    },
  });
}

/** A schema: fastChecked against zod, with its own compiled acceptor. */
function fuzzSchema(name: string, schema: z.ZodType, corpus: fc.Arbitrary<unknown> = corpusArb(schema)): void {
  const acceptor = compileAcceptor(schema);
  assert.ok(acceptor, `${name}: the compiler models this schema`);
  const subject = fastChecked(schema);
  fuzz(name, corpus, (value) => compare(schema, subject, value, acceptor, (data) => isDeepStrictEqual(data, value)));
}

// ---------------------------------------------------------------------------------------------------------
// Schemas

enum Shade { Light, Dark }
const Colour = { Red: 'red', Blue: 'blue' } as const;

/** Every kind the compiler models, alone and combined. */
const synthetic: Record<string, z.ZodType> = {
  'every leaf (loose)': z.looseObject({
    s: z.string(), n: z.number(), b: z.boolean(), nil: z.null(), u: z.unknown(), a: z.any(),
    lit: z.literal(['a', 1, true, null, -0]), e: z.enum(['x', 'y']), native: z.enum(Shade), obj: z.enum(Colour),
  }),
  'optional and nullable (loose)': z.looseObject({
    o: z.string().optional(), nl: z.number().nullable(), nh: z.boolean().nullish(), on: z.string().optional().nullable(),
    ou: z.unknown().optional(), ol: z.literal('k').optional(), oo: z.looseObject({ k: z.string() }).optional(),
  }),
  'default object (strips unknown keys)': z.object({ k: z.string(), m: z.number().optional(), inner: z.object({ x: z.boolean() }).nullish() }),
  'empty loose and empty default objects': z.object({ loose: z.looseObject({}), strip: z.object({}), any: z.object({}).catchall(z.any()) }),
  'arrays of arrays': z.array(z.array(z.number()).nullable()),
  'array of optional unknown (holes)': z.array(z.unknown().optional()),
  // zod reads an absent field through the prototype: {} fails here ("expected string, received function").
  'fields named after Object.prototype': z.looseObject({ toString: z.string().optional(), constructor: z.unknown().optional(), valueOf: z.number().nullish() }),
  'nested lists of objects': z.looseObject({ items: z.array(z.looseObject({ id: z.string(), tags: z.array(z.string()).optional() })) }),
  'top-level leaves': z.looseObject({ v: z.string().nullish() }).nullish(),
  'a string': z.string(),
  'a number or null': z.number().nullable(),
};

// ---------------------------------------------------------------------------------------------------------

describe('fastCheck: equivalent to zod (fast-check corpora, zod as the oracle)', () => {
  test(`at least ${MIN_CASES} cases: same decision, issues and data as zod; the acceptor is exact`, { timeout: 120_000 }, async (t) => {
    // The families' lists, as the operations hand them to the client.
    const riskList = z.array(riskScoringIntegrationSchema).nullish();
    const postureList = z.array(postureIntegrationSchema).nullish();
    const riskSubject = await resultSchemaOf(listRiskScoringIntegrations);
    const postureSubject = await resultSchemaOf(listDevicePostureIntegrations);
    const dlpSubject = await resultSchemaOf(listDlpEntries);
    const riskAcceptor = compileAcceptor(riskList);
    const postureAcceptor = compileAcceptor(postureList);
    const isUnchanged = (value: unknown) => (data: unknown) => isDeepStrictEqual(data, value);
    fuzz('risk scoring list (listRiskScoringIntegrations)', corpusArb(riskList), (v) => compare(riskList, riskSubject, v, riskAcceptor, isUnchanged(v)));
    fuzz('device posture list (listDevicePostureIntegrations)', corpusArb(postureList), (v) => compare(postureList, postureSubject, v, postureAcceptor, isUnchanged(v)));

    // DLP entries: every type; integration entries in full. zod's list is a fresh array of the very items, so the
    // fast path applies where each integration item is one zod's integration schema hands back unchanged.
    const otherEntry = fc.record({ type: fc.constantFrom('predefined', 'custom', 'exact_data', 'word_list', 'document_fingerprint', 'Integration', ''), id: stringArb, enabled: fc.boolean(), pattern: anyValueArb }, { requiredKeys: ['type'] });
    const integrationEntry = validArb(dlpIntegrationEntrySchema).map((entry) => ({ ...(entry as Json), type: 'integration' }));
    const entries = fc.array(fc.oneof(integrationEntry, otherEntry), { maxLength: 8 });
    const dlpCorpus = fc.oneof(
      { weight: 3, arbitrary: entries },
      { weight: 5, arbitrary: fc.tuple(entries, fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([v, ms]) => mutate(v, ms)) },
      { weight: 1, arbitrary: fc.tuple(entries, fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([v, ms]) => throughJson(mutate(v, ms))) },
      { weight: 1, arbitrary: anyValueArb },
    );
    const plainArray = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype);
    const integrationItemsUnchanged = (v: unknown) => !Array.isArray(v) || v.every((item) => {
      if (!isObject(item) || item.type !== 'integration') return true;
      const parsed = dlpIntegrationEntrySchema.safeParse(item);
      return parsed.success && isDeepStrictEqual(parsed.data, item);
    });
    fuzz('DLP entries list (listDlpEntries)', dlpCorpus, (v) => compare(dlpListOracle, dlpSubject, v, undefined, () => plainArray(v) && integrationItemsUnchanged(v)));
    // One entry through dlpEntrySchema, whose integration check now tries the acceptor first: zod's issues, the item itself.
    const entryCorpus = dlpCorpus.map((v) => (Array.isArray(v) && v.length ? v[0] : v));
    fuzz('one DLP entry (dlpEntrySchema)', entryCorpus, (v) => compare(dlpEntryOracle, dlpEntrySchema, v, undefined, () => true));

    // The resources themselves, and the DLP integration entry.
    fuzzSchema('risk scoring integration', riskScoringIntegrationSchema);
    fuzzSchema('device posture integration', postureIntegrationSchema);
    fuzzSchema('DLP integration entry', dlpIntegrationEntrySchema);
    for (const [name, schema] of Object.entries(synthetic)) fuzzSchema(name, schema);

    t.diagnostic(`${stats.cases} cases, ${stats.fast} of them on the fast path`);
    assert.ok(stats.cases >= (process.env.FUZZ_RUNS ? 0 : MIN_CASES), `only ${stats.cases} cases were checked`);
    // The corpora reach both sides: a good share of cases took the fast path, and a good share were refused or changed.
    assert.ok(stats.fast > stats.cases / 10 && stats.fast < stats.cases * 0.9, `${stats.fast} of ${stats.cases} cases took the fast path`);
  });

  test('every field of each resource dropped, set to each wrong type, and each hostile key added', (t) => {
    const bases: [string, z.ZodType, unknown][] = [
      ['risk', riskScoringIntegrationSchema, {
        id: '3f2c7a8e-0000-4000-8000-000000000001', account_tag: 'acc-1', active: true, created_at: '2026-01-02T03:04:05Z',
        integration_type: 'Okta', reference_id: 'ref-1', tenant_url: 'https://acme.okta.com', well_known_url: 'https://ssf.example/x',
      }],
      ['posture', postureIntegrationSchema, { id: 'p1', name: 'CrowdStrike', type: 'crowdstrike_s2s', interval: '10m', config: { api_url: 'https://api.crowdstrike.com', client_id: 'c', customer_id: 'k' } }],
      ['dlp', dlpIntegrationEntrySchema, { id: 'e1', name: 'Confidential', enabled: true, created_at: 'x', updated_at: 'y', profile_id: null, type: 'integration' }],
      ...Object.entries(synthetic).map(([name, schema]): [string, z.ZodType, unknown] => [name, schema, fullValue(schema)]),
    ];
    let cases = 0;
    for (const [name, schema, base] of bases) {
      assert.ok(schema.safeParse(base).success, `${name}: the base is valid`);
      const subject = fastChecked(z.array(schema).nullish());
      const oracle = z.array(schema).nullish();
      const acceptor = compileAcceptor(oracle);
      const variants: unknown[] = [base];
      // Every key of every plain object in the base (nested configs and list items included), dropped or set wrong.
      const holders = containersOf(base).filter(isObject);
      holders.forEach((holder, at) => {
        for (const key of Object.keys(holder)) {
          const dropped = copy(base);
          delete (containersOf(dropped).filter(isObject)[at] as Json)[key];
          variants.push(dropped);
          for (const wrong of wrongValues) {
            const changed = copy(base);
            setOwn(containersOf(changed).filter(isObject)[at] as Json, key, wrong);
            variants.push(changed);
          }
        }
        for (const key of hostileKeys) {
          for (const value of [1, null, {}, 'x']) {
            const extra = copy(base);
            setOwn(containersOf(extra).filter(isObject)[at] as Json, key, value);
            variants.push(extra, throughJson(extra));
          }
        }
      });
      if (isObject(base)) variants.push(JSON.parse(`{"__proto__": {"active": true}, ${JSON.stringify(base).slice(1)}`));
      for (const variant of variants) {
        compare(oracle, subject, [base, variant, base], acceptor, (data) => isDeepStrictEqual(data, [base, variant, base]));
        compare(schema, fastChecked(schema), variant, compileAcceptor(schema), (data) => isDeepStrictEqual(data, variant));
        cases += 2;
      }
    }
    t.diagnostic(`${cases} cases`);
    assert.ok(cases > 5_000, `${cases} cases`);
  });
});

describe('fastCheck: what the compiler models', () => {
  test('the families\' resources and lists compile', () => {
    for (const schema of [riskScoringIntegrationSchema, postureIntegrationSchema, dlpIntegrationEntrySchema]) {
      assert.ok(compileAcceptor(schema));
      assert.ok(compileAcceptor(z.array(schema).nullish()));
    }
  });

  test('anything else is refused, and fastChecked hands it back as it is', () => {
    const recursive = z.looseObject({
      id: z.string(),
      get children(): z.ZodArray<z.ZodType> {
        return z.array(recursive);
      },
    });
    const unsupported: Record<string, z.ZodType> = {
      'string min': z.string().min(1), 'string max': z.string().max(3), regex: z.string().regex(/x/), url: z.url(), uuid: z.uuid(),
      email: z.email(), int: z.int(), 'number min': z.number().min(0), 'coerced string': z.coerce.string(),
      transform: z.string().transform((s) => s.length), pipe: z.string().pipe(z.string()), default: z.string().default('a'),
      prefault: z.string().prefault('a'), catch: z.string().catch('a'), refine: z.string().refine(() => true),
      'object superRefine': z.looseObject({}).superRefine(() => undefined), check: z.number().check(() => undefined),
      custom: z.custom<string>(), union: z.union([z.string(), z.number()]),
      'discriminated union': z.discriminatedUnion('t', [z.object({ t: z.literal('a') }), z.object({ t: z.literal('b') })]),
      'strict object': z.strictObject({ a: z.string() }), 'string catchall': z.object({}).catchall(z.string()),
      record: z.record(z.string(), z.string()), tuple: z.tuple([z.string()]), 'exact optional': z.looseObject({ a: z.string().exactOptional() }),
      readonly: z.looseObject({}).readonly(), lazy: z.lazy(() => z.string()), recursive, date: z.date(), bigint: z.bigint(),
      undefined: z.undefined(), never: z.never(), nan: z.nan(), map: z.map(z.string(), z.string()), set: z.set(z.string()),
      'nested string min': z.looseObject({ a: z.array(z.looseObject({ b: z.string().min(1) })) }),
      'a __proto__ shape key': z.object({ ['__proto__']: z.string() }),
      '31 fields': z.looseObject(Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`f${i}`, z.string()]))),
      'risk create': riskScoringCreateSchema, 'posture create': postureCreateSchema, 'posture resource edit': devicePostureIntegrations.schemas.edit,
    };
    for (const [name, schema] of Object.entries(unsupported)) {
      assert.equal(compileAcceptor(schema), undefined, name);
      assert.equal(fastChecked(schema), schema, name);
    }
  });

  test('with an enumerable key on Object.prototype (pollution), zod decides: it copies that key onto its output', () => {
    const schema = z.array(riskScoringIntegrationSchema);
    const item = { id: 'i', account_tag: 'a', active: true, created_at: 'c', integration_type: 'Okta', tenant_url: 't', well_known_url: 'w' };
    const acceptor = compileAcceptor(schema);
    assert.equal(acceptor?.([item]), true);
    Object.defineProperty(Object.prototype, 'polluted', { value: 1, enumerable: true, configurable: true, writable: true });
    try {
      compare(schema, fastChecked(schema), [item], acceptor, (data) => isDeepStrictEqual(data, [item]));
      assert.equal(acceptor?.([item]), false);
    } finally {
      delete (Object.prototype as Json).polluted;
    }
  });

  test('as an object field, an optional fast schema may be absent, as the schema it wraps', () => {
    const oracle = z.object({ a: z.string().optional(), b: z.number().nullable() });
    const subject = z.object({ a: fastChecked(z.string().optional()), b: fastChecked(z.number().nullable()) });
    for (const value of [{}, { a: 'x' }, { b: null }, { a: undefined, b: 1 }, { a: 1, b: 1 }, { b: undefined }]) {
      const expected = oracle.safeParse(value);
      const actual = subject.safeParse(value);
      assert.equal(actual.success, expected.success, JSON.stringify(value));
      assert.deepStrictEqual(actual.success ? actual.data : actual.error.issues, expected.success ? expected.data : expected.error.issues);
    }
  });
});

describe('fastCheck: 10,000-item lists', () => {
  const risk = (i: number) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, account_tag: 'acc-1', active: i % 4 !== 1, created_at: '2026-01-02T03:04:05Z',
    integration_type: 'Okta', reference_id: i % 3 ? `ref-${i}` : null, tenant_url: `https://t${i}.okta.com`, well_known_url: `https://ssf.example/${i}`,
    ...(i % 7 ? {} : { some_future_field: { nested: [i] } }),
  });
  const entry = (i: number) => (i % 2 === 0
    ? { id: `e${i}`, name: `Label ${i}`, enabled: i % 3 === 0, type: 'integration', created_at: 'c', updated_at: 'u', profile_id: i % 5 ? 'p' : null }
    : { id: `e${i}`, name: `Card ${i}`, type: 'predefined', confidence: { available: true } });

  test('a valid list comes back as the very array and items the server sent', async () => {
    const risks = Array.from({ length: 10_000 }, (_, i) => risk(i));
    const listed = await listRiskScoringIntegrations(answering(risks).ctx);
    assert.equal(listed, risks);
    const entries = Array.from({ length: 10_000 }, (_, i) => entry(i));
    assert.equal(await listDlpEntries(answering(entries).ctx), entries);
    const postures = Array.from({ length: 10_000 }, (_, i) => ({ id: `p${i}`, name: `P ${i}`, type: 'kolide', interval: '10m', config: i % 2 ? null : { client_id: 'c' } }));
    assert.equal(await listDevicePostureIntegrations(answering(postures).ctx), postures);
  });

  test('a bad item at 5,000 is reported with zod\'s path and message', async () => {
    const cases: [string, (ctx: AccountContext) => Promise<unknown>, z.ZodType, unknown[], (string | number)[], string][] = [
      ['risk', listRiskScoringIntegrations, z.array(riskScoringIntegrationSchema).nullish(), Array.from({ length: 10_000 }, (_, i) => (i === 5000 ? { ...risk(i), active: 'yes' } : risk(i))), [5000, 'active'], 'Invalid input: expected boolean, received string'],
      ['dlp', listDlpEntries, dlpListOracle, Array.from({ length: 10_000 }, (_, i) => (i === 5000 ? { ...entry(i), enabled: 'yes' } : entry(i))), [5000, 'enabled'], 'enabled must be true or false (without quotes)'],
      ['posture', listDevicePostureIntegrations, z.array(postureIntegrationSchema).nullish(), Array.from({ length: 10_000 }, (_, i) => (i === 5000 ? { id: 'p', config: { api_url: 7 } } : { id: `p${i}` })), [5000, 'config', 'api_url'], 'Invalid input: expected string, received number'],
    ];
    for (const [name, list, oracle, items, path, message] of cases) {
      const expected = oracle.safeParse(items);
      assert.ok(!expected.success, name);
      assert.deepEqual(expected.error.issues.map((i) => [i.path, i.message]), [[path, message]], name);
      await assert.rejects(list(answering(items).ctx), (error: unknown) => {
        assert.ok(error instanceof z.ZodError, name);
        assert.deepStrictEqual(error.issues, expected.error.issues, name);
        assert.equal(describeIssues(error), `${path.join('.')}: ${message}`);
        return true;
      });
    }
  });
});
