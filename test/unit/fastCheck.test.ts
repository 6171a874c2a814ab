// fastChecked (src/api/fastCheck.ts: zod's own compiled validator tried first, zod's parse for the rest) against zod's
// runtime parse of the ORIGINAL, uncompiled schema, the oracle: for every schema the lists use, the request schemas, and
// synthetic schemas (plain kinds, and the checks, formats, unions, records, tuples and strict objects zod's compiler
// models), over property-based corpora (fast-check) of valid items, mutated items and arbitrary values, and over
// systematic mutations of one valid resource:
//   - the fast schema accepts exactly what zod accepts, and zod's compiled validate answers as zod's parse does;
//   - on failure its issues are zod's (every field: code, message, path);
//   - on success on the fast path the data is the input itself, deep-equal to zod's data but for own "__proto__" keys
//     (and, for values JSON.parse cannot make, prototypes and holes); off the fast path it deep-equals zod's data;
//   - the fast path is really taken: zod compiles the lists, and its generated validator (not the runtime fallback)
//     accepts valid lists, 10,000 items long.
// The DLP entries list's oracle is its zod schema as it was before the fast path, restated here with zod alone.
// FUZZ_RUNS (per target, default 400) and FUZZ_SEED reproduce or widen a run.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect, isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import * as z from 'zod';
import { describeIssues } from '../../src/api/envelope';
import { fastChecked } from '../../src/api/fastCheck';
import type { AccountContext, ApiCaller } from '../../src/api/types';
import { listDevicePostureIntegrations } from '../../src/families/devicePostureIntegrations';
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
const hostileStrings = [
  '', ' ', '\u0000', '\ud800', '🙂', '__proto__', 'constructor', 'integration', 'predefined', 'Okta', 'true', 'null', '0', 'abc', HUGE,
  'https://acme.okta.com', 'http://x', 'javascript:alert(1)', 'https://', '3f2c7a8e-0000-4000-8000-000000000001', '3F2C7A8E-0000-4000-8000-00000000000Z',
];
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
    case 'union':
      return fc.oneof(...def.options.map(validArb));
    case 'record':
      return fc.array(fc.tuple(keyArb, validArb(def.valueType)), { maxLength: 3 }).map((entries) => {
        const out: Json = {};
        for (const [key, value] of entries) setOwn(out, key, value);
        return out;
      });
    case 'tuple':
      return fc.tuple(...def.items.map(validArb));
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
      return ['s', 'https://acme.okta.com', '3f2c7a8e-0000-4000-8000-000000000001'].find((v) => z.safeParse(schema, v).success);
    case 'number':
      return [1.5, 1].find((v) => z.safeParse(schema, v).success);
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
    case 'union':
      return fullValue(def.options[0] as z.core.$ZodType);
    case 'record':
      return { k: fullValue(def.valueType) };
    case 'tuple':
      return def.items.map(fullValue);
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

const stats = { cases: 0, fast: 0, fastProtoKey: 0, fastNonJson: 0 };

/** What JSON.parse makes: plain objects and arrays without holes, strings, finite numbers, booleans and null. */
function jsonShaped(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) if (!(i in value) || !jsonShaped(value[i])) return false;
    return true;
  }
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.keys(value).every((key) => jsonShaped((value as Json)[key]));
}

/**
 * A deep copy to compare data by, without own "__proto__" keys. JSON.parse makes `"__proto__"` an own data property
 * (no prototype change); the fast path keeps the server's object, key and all, while zod's copy of an object drops it
 * (zod's copy assigns keys, and assigning `__proto__` sets a prototype instead). Inert data either way: nothing reads
 * it. `plain` also makes every container what zod's copy of it is: arrays plain (a hole read as undefined), objects
 * plain objects of their own enumerable keys, whatever their prototype was.
 */
function comparable(value: unknown, plain: boolean): unknown {
  if (Array.isArray(value) && (plain || Object.getPrototypeOf(value) === Array.prototype)) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) if (plain || i in value) out[i] = comparable(value[i], plain);
    return out;
  }
  if (typeof value === 'object' && value !== null && (plain || [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null))) {
    const out = Object.create(plain ? Object.prototype : (Object.getPrototypeOf(value) as object | null)) as Json;
    for (const key of Object.keys(value)) if (key !== '__proto__') out[key] = comparable((value as Json)[key], plain);
    return out;
  }
  return value;
}

/** zod's generated validator on a compiled clone (zod's internals, only read): its answer before any runtime fallback. */
function generatedValidator(compiled: z.ZodType): (value: unknown) => unknown {
  const validator = (compiled._zod.bag as { validator?: (value: unknown) => unknown }).validator;
  assert.ok(validator, 'zod compiled the schema');
  return validator;
}

/** zod's compiled validate for `schema`: what fastChecked(schema) tries first. */
function fastPathOf(schema: z.ZodType): (value: unknown) => boolean {
  const compiled = z.compile(schema, { strict: true });
  return (value) => compiled.validate(value);
}

/**
 * One value through `oracle` (zod's runtime parse of the original schema) and `subject`. `fastPath` says whether the
 * subject takes its fast path for the value (zod's compiled validate, for fastChecked); without it, the subject took it
 * where it handed back the value itself. Answers whether it did.
 */
function compare(oracle: z.ZodType, subject: z.ZodType, value: unknown, fastPath?: (value: unknown) => boolean): boolean {
  stats.cases++;
  const expected = oracle.safeParse(value);
  const actual = subject.safeParse(value);
  assert.equal(actual.success, expected.success, 'accepts what zod accepts');
  if (fastPath) assert.equal(fastPath(value), expected.success, 'zod\'s compiled validate answers as zod\'s parse does');
  if (!expected.success) {
    assert.ok(!actual.success);
    assert.deepStrictEqual(actual.error.issues, expected.error.issues, 'the issues are zod\'s');
    assert.equal(describeIssues(actual.error), describeIssues(expected.error));
    return false;
  }
  assert.ok(actual.success);
  const taken = fastPath ? fastPath(value) : actual.data === value;
  if (!taken) {
    assert.deepStrictEqual(actual.data, expected.data, 'off the fast path, the data is zod\'s');
    return false;
  }
  stats.fast++;
  assert.equal(actual.data, value, 'on the fast path, the data is the input itself');
  const sameAsZod = isDeepStrictEqual(comparable(actual.data, false), comparable(expected.data, false));
  if (jsonShaped(value)) {
    assert.ok(sameAsZod, `on the fast path, the data deep-equals zod's (own __proto__ keys aside): ${inspect(value, { depth: 4 }).slice(0, 400)} vs ${inspect(expected.data, { depth: 4 }).slice(0, 400)}`);
    if (!isDeepStrictEqual(actual.data, expected.data)) stats.fastProtoKey++;
  } else {
    // Values JSON.parse cannot make (class instances, null prototypes, array subclasses, holes): zod hands back plain
    // copies, the fast path the value as it is; the content is the same.
    assert.ok(isDeepStrictEqual(comparable(actual.data, true), comparable(expected.data, true)), 'on the fast path, the content is zod\'s');
    if (!sameAsZod) stats.fastNonJson++;
  }
  return true;
}

function fuzz(name: string, corpus: fc.Arbitrary<unknown>, check: (value: unknown) => void): void {
  fc.assert(fc.property(corpus, (value) => {
    check(value);
  }), {
    numRuns: RUNS,
    ...(SEED === undefined ? {} : { seed: SEED }),
    reporter: (details) => {
      if (details.failed) throw new Error(`${name}: ${fc.defaultReportMessage(details)}\n${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`);
    },
  });
}

/** A schema: fastChecked against zod's runtime parse, zod's compiled validate as the fast path. */
function fuzzSchema(name: string, schema: z.ZodType, corpus: fc.Arbitrary<unknown> = corpusArb(schema)): void {
  const fastPath = fastPathOf(schema);
  const subject = fastChecked(schema);
  assert.notEqual(subject, schema, `${name}: fastChecked wraps it`);
  fuzz(name, corpus, (value) => compare(schema, subject, value, fastPath));
}

// ---------------------------------------------------------------------------------------------------------
// Schemas

enum Shade { Light, Dark }
const Colour = { Red: 'red', Blue: 'blue' } as const;

/**
 * Schemas whose output deep-equals their input (fastChecked's one condition): the plain kinds the lists use, alone
 * and combined, and kinds only zod's compiler models (checks, formats, unions, records, tuples, strict objects).
 */
const synthetic: Record<string, z.ZodType> = {
  'every leaf (loose)': z.looseObject({
    s: z.string(), n: z.number(), b: z.boolean(), nil: z.null(), u: z.unknown(), a: z.any(),
    lit: z.literal(['a', 1, true, null, -0]), e: z.enum(['x', 'y']), native: z.enum(Shade), obj: z.enum(Colour),
  }),
  'optional and nullable (loose)': z.looseObject({
    o: z.string().optional(), nl: z.number().nullable(), nh: z.boolean().nullish(), on: z.string().optional().nullable(),
    ou: z.unknown().optional(), ol: z.literal('k').optional(), oo: z.looseObject({ k: z.string() }).optional(),
  }),
  'empty loose objects': z.looseObject({ loose: z.looseObject({}), any: z.object({}).catchall(z.any()) }),
  'arrays of arrays': z.array(z.array(z.number()).nullable()),
  'array of optional unknown (holes)': z.array(z.unknown().optional()),
  // zod reads an absent field through the prototype: {} fails here ("expected string, received function"). (An
  // unknown field so named would break the condition: see 'the condition' below.)
  'fields named after Object.prototype': z.looseObject({ toString: z.string().optional(), valueOf: z.number().nullish() }),
  'nested lists of objects': z.looseObject({ items: z.array(z.looseObject({ id: z.string(), tags: z.array(z.string()).optional() })) }),
  'top-level leaves': z.looseObject({ v: z.string().nullish() }).nullish(),
  'a string': z.string(),
  'a number or null': z.number().nullable(),
  'checks and formats': z.looseObject({
    s: z.string().min(1).max(5), r: z.string().regex(/^[a-z]+$/).optional(), n: z.number().int().min(0).nullable(),
    u: z.url({ protocol: /^https?$/ }).optional(), id: z.uuid().optional(),
  }),
  'unions': z.looseObject({
    u: z.union([z.string(), z.number()]),
    d: z.discriminatedUnion('t', [z.looseObject({ t: z.literal('a'), a: z.string() }), z.strictObject({ t: z.literal('b'), b: z.boolean() })]).optional(),
  }),
  'records and tuples': z.looseObject({ rec: z.record(z.string(), z.string()), tup: z.tuple([z.string(), z.number().nullable()]).optional() }),
  'strict object': z.strictObject({ k: z.string(), o: z.number().optional() }),
  'string catchall': z.object({ k: z.string() }).catchall(z.string()),
};

// ---------------------------------------------------------------------------------------------------------

describe('fastCheck: equivalent to zod (fast-check corpora, zod\'s runtime parse as the oracle)', () => {
  test(`at least ${MIN_CASES} cases: same decision, issues and data as zod`, { timeout: 120_000 }, async (t) => {
    // The families' lists, as the operations hand them to the client.
    const riskList = z.array(riskScoringIntegrationSchema).nullish();
    const postureList = z.array(postureIntegrationSchema).nullish();
    const riskSubject = await resultSchemaOf(listRiskScoringIntegrations);
    const postureSubject = await resultSchemaOf(listDevicePostureIntegrations);
    const dlpSubject = await resultSchemaOf(listDlpEntries);
    const riskFast = fastPathOf(riskList);
    const postureFast = fastPathOf(postureList);
    fuzz('risk scoring list (listRiskScoringIntegrations)', corpusArb(riskList), (v) => compare(riskList, riskSubject, v, riskFast));
    fuzz('device posture list (listDevicePostureIntegrations)', corpusArb(postureList), (v) => compare(postureList, postureSubject, v, postureFast));

    // DLP entries: every type; integration entries in full (zod's compiled validate first). zod's list is a fresh
    // array of the very items; the fast path hands back the array itself wherever it is a plain one.
    const otherEntry = fc.record({ type: fc.constantFrom('predefined', 'custom', 'exact_data', 'word_list', 'document_fingerprint', 'Integration', ''), id: stringArb, enabled: fc.boolean(), pattern: anyValueArb }, { requiredKeys: ['type'] });
    const integrationEntry = validArb(dlpIntegrationEntrySchema).map((entry) => ({ ...(entry as Json), type: 'integration' }));
    const entries = fc.array(fc.oneof(integrationEntry, otherEntry), { maxLength: 8 });
    const dlpCorpus = fc.oneof(
      { weight: 3, arbitrary: entries },
      { weight: 5, arbitrary: fc.tuple(entries, fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([v, ms]) => mutate(v, ms)) },
      { weight: 1, arbitrary: fc.tuple(entries, fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([v, ms]) => throughJson(mutate(v, ms))) },
      { weight: 1, arbitrary: anyValueArb },
    );
    const plainList = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype);
    fuzz('DLP entries list (listDlpEntries)', dlpCorpus, (v) => {
      const taken = compare(dlpListOracle, dlpSubject, v);
      if (dlpListOracle.safeParse(v).success && plainList(v)) assert.ok(taken, 'a valid plain list takes the fast path');
    });
    // One entry through dlpEntrySchema, whose integration check is zod's compiled validate first: zod's issues, the item.
    const entryCorpus = dlpCorpus.map((v) => (Array.isArray(v) && v.length ? v[0] : v));
    fuzz('one DLP entry (dlpEntrySchema)', entryCorpus, (v) => compare(dlpEntryOracle, dlpEntrySchema, v));

    // The resources themselves, the DLP integration entry, the request schemas (strict objects, url and length checks,
    // a discriminated union), and the synthetic schemas.
    fuzzSchema('risk scoring integration', riskScoringIntegrationSchema);
    fuzzSchema('device posture integration', postureIntegrationSchema);
    fuzzSchema('DLP integration entry', dlpIntegrationEntrySchema);
    fuzzSchema('risk scoring create', riskScoringCreateSchema);
    fuzzSchema('device posture create', postureCreateSchema);
    for (const [name, schema] of Object.entries(synthetic)) fuzzSchema(name, schema);

    t.diagnostic(`${stats.cases} cases, ${stats.fast} of them on the fast path (${stats.fastProtoKey} keeping an own __proto__ key, ${stats.fastNonJson} non-JSON values keeping their prototypes or holes)`);
    assert.ok(stats.cases >= (process.env.FUZZ_RUNS ? 0 : MIN_CASES), `only ${stats.cases} cases were checked`);
    // The corpora reach both sides: a good share of cases took the fast path, and a good share were refused.
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
      const oracle = z.array(schema).nullish();
      const subject = fastChecked(oracle);
      const listFast = fastPathOf(oracle);
      const itemSubject = fastChecked(schema);
      const itemFast = fastPathOf(schema);
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
        compare(oracle, subject, [base, variant, base], listFast);
        compare(schema, itemSubject, variant, itemFast);
        cases += 2;
      }
    }
    t.diagnostic(`${cases} cases`);
    assert.ok(cases > 5_000, `${cases} cases`);
  });
});

describe('fastCheck: the fast path and its condition', () => {
  const lists: [string, z.ZodType][] = [
    ['risk scoring', z.array(riskScoringIntegrationSchema).nullish()],
    ['device posture', z.array(postureIntegrationSchema).nullish()],
    ['DLP integration entries', z.array(dlpIntegrationEntrySchema).nullish()],
  ];

  test('zod compiles the lists, and its generated validator (not its runtime fallback) takes valid lists as the server sends them', () => {
    for (const [name, list] of lists) {
      const compiled = z.compile(list, { strict: true });
      const validator = generatedValidator(compiled);
      const subject = fastChecked(list);
      const samples = fc.sample(validArb(list).map(throughJson), { numRuns: 200, ...(SEED === undefined ? {} : { seed: SEED }) });
      let valid = 0;
      for (const sample of samples) {
        if (!list.safeParse(sample).success) continue;
        valid++;
        assert.notEqual(validator(sample), z.INVALID, `${name}: the generated validator accepts ${inspect(sample).slice(0, 300)}`);
        assert.equal(subject.parse(sample), sample, `${name}: the list itself comes back`);
      }
      assert.ok(valid > 100, `${name}: only ${valid} valid samples`);
    }
  });

  test('a schema zod cannot compile (recursive) is handed back as it is', () => {
    const recursive = z.looseObject({
      id: z.string(),
      get children(): z.ZodArray<z.ZodType> {
        return z.array(recursive);
      },
    });
    assert.equal(z.compile(recursive), recursive);
    assert.equal(fastChecked(recursive), recursive);
  });

  test('the condition: where zod\'s output is not its input (strip object, transform, default), the fast path would be wrong', () => {
    // Documents why fastChecked is only for schemas whose output deep-equals their input: zod's validate says yes,
    // and the wrapper hands back the input, not what zod would have made of it.
    const cases: [string, z.ZodType, unknown][] = [
      ['strip object with an unknown key', z.object({ a: z.string() }), { a: 'x', extra: 1 }],
      ['transform', z.looseObject({ n: z.string().transform((s) => s.length) }), { n: 'abc' }],
      ['default', z.looseObject({ d: z.string().default('d') }), {}],
      // zod reads an absent field through the prototype, and copies what it read: Object onto its output.
      ['an unknown field named after Object.prototype', z.looseObject({ constructor: z.unknown().optional() }), {}],
    ];
    for (const [name, schema, value] of cases) {
      assert.ok(!isDeepStrictEqual(schema.parse(value), value), `${name}: zod changes the value`);
      assert.equal(fastChecked(schema).parse(value), value, `${name}: the fast path hands back the input`);
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

  test('a valid list comes back as the very array and items the server sent, through zod\'s generated validator', async () => {
    const risks = Array.from({ length: 10_000 }, (_, i) => risk(i));
    const listed = await listRiskScoringIntegrations(answering(risks).ctx);
    assert.equal(listed, risks);
    assert.ok(listed.every((item, i) => item === risks[i]));
    assert.notEqual(generatedValidator(z.compile(z.array(riskScoringIntegrationSchema).nullish()))(risks), z.INVALID);
    const entries = Array.from({ length: 10_000 }, (_, i) => entry(i));
    assert.equal(await listDlpEntries(answering(entries).ctx), entries);
    const integrationEntries = entries.filter((e) => e.type === 'integration');
    assert.notEqual(generatedValidator(z.compile(z.array(dlpIntegrationEntrySchema)))(integrationEntries), z.INVALID);
    const postures = Array.from({ length: 10_000 }, (_, i) => ({ id: `p${i}`, name: `P ${i}`, type: 'kolide', interval: '10m', config: i % 2 ? null : { client_id: 'c' } }));
    assert.equal(await listDevicePostureIntegrations(answering(postures).ctx), postures);
    assert.notEqual(generatedValidator(z.compile(z.array(postureIntegrationSchema).nullish()))(postures), z.INVALID);
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
