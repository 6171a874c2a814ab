import * as z from 'zod';

// A plain predicate built from a zod schema, for the lists a refresh validates: tens of thousands of items, where
// parsing copies every object (a loose object's parse builds a fresh object and copies each known and unknown key)
// only for the copy to be thrown away, since these schemas never transform anything.
//
// Why by hand: we know of no library that turns zod 4 schemas into predicates. zod's parse (its object JIT included)
// always builds a fresh copy; zod 4.6 also ships an opt-in compiler, `z.compile`, whose `validate()` checks without
// copying, but it writes that code at run time with `new Function`, which this design avoids: plain closures over the
// documented `_zod.def` of a few kinds (with `_zod.traits`, `optin` and `optout`, read as zod itself reads them),
// nothing evaluated, and everything else refused.
//
// Why it is sound: an acceptor answers true only for values that zod accepts AND would hand back unchanged (deep-equal,
// prototypes included), so returning the input itself is what zod would have returned, minus the copy. Anything else
// gets false, including values zod accepts but would change (an own `__proto__` key it drops, a class instance it
// turns into a plain object, an array hole it fills, an unknown key a default object strips); then zod decides, and
// its data or its issues are the result. The kinds it knows, as zod 4.6.7 parses them:
//   string, number (finite only: zod refuses NaN and ±Infinity), boolean, null, literal, enum, unknown, any;
//   optional (undefined, or an absent key), nullable (null); array (of a supported element);
//   object (up to 30 fields) whose catchall is unknown or any (loose: unknown keys kept) or absent (unknown keys
//   stripped, so an object with one is left to zod).
// Refused (compileAcceptor answers undefined): any `checks` (min, max, regex, refine, superRefine, check, …), string
// formats (url, uuid, …, which are checks themselves), coercion, transforms, pipes, defaults, catch, unions,
// records, strict objects (catchall never) and other catchalls, exactOptional, readonly, lazy and recursive schemas.
// "Unchanged" is about values JSON.parse can make (data properties): zod may hand back an object with non-enumerable
// own keys as a different-looking copy, and a getter that answers differently on each read is out of scope.

/** True only where zod accepts the value and would return it unchanged. */
export type Acceptor = (value: unknown) => boolean;

/** Thrown inside the walk when a schema holds something not modelled here; compileAcceptor turns it into undefined. */
class Unsupported extends Error {}

/** A bare type check, optionally taking null and/or undefined as well: what an object checks inline, without a call. */
interface Leaf {
  readonly type: 'string' | 'number' | 'boolean' | 'any';
  readonly nullOk: boolean;
  readonly undefinedOk: boolean;
}

interface Compiled {
  readonly accept: Acceptor;
  /** Whether an object may leave this field out (zod: optin and optout both "optional"). */
  readonly mayBeAbsent: boolean;
  readonly leaf: Leaf | undefined;
}

/** One field of an object, flat, so the object's loop reads every field through one hidden class. */
interface Field {
  readonly key: string;
  readonly bit: number;
  readonly accept: Acceptor;
  readonly leafType: Leaf['type'] | undefined;
  readonly nullOk: boolean;
  readonly undefinedOk: boolean;
}

type Def = z.core.$ZodTypes['_zod']['def'];

/** Seen fields are bits of one int32 (bit 30 is the last that keeps the number positive). */
const MAX_FIELDS = 30;
/** Key positions remembered per object schema (see objectAcceptor); later keys are looked up every time. */
const MAX_CACHED_POSITIONS = 64;

/** Only what JSON.parse makes: zod turns any other object into a plain one, which is not the value it was given. */
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * `for…in`, zod's and ours, also yields enumerable keys inherited from a polluted Object.prototype, and zod copies
 * them onto its output as own keys. Rare enough to check once per call rather than per object.
 */
function objectPrototypeIsClean(): boolean {
  for (const _key in Object.prototype) return false;
  return true;
}

/** zod's z.enum values: a TypeScript numeric enum's reverse entries (name by number) are not values. */
function enumValues(entries: Readonly<Record<string, string | number>>): (string | number)[] {
  const numbers = Object.values(entries).filter((v) => typeof v === 'number');
  return Object.entries(entries).filter(([key]) => !numbers.includes(Number(key))).map(([, value]) => value);
}

function compileNode(schema: z.core.$ZodType, onStack: Set<z.core.$ZodType>): Compiled {
  const internals = schema._zod;
  // String formats (z.url(), z.uuid(), …) and z.custom() are checks themselves, with nothing in def.checks.
  if (internals.traits.has('$ZodCheck')) throw new Unsupported();
  const def = internals.def as Def;
  if (def.checks?.length) throw new Unsupported();
  if ('coerce' in def && def.coerce) throw new Unsupported();
  // A schema reached again while its own children are compiled is recursive (a getter in a shape): not modelled.
  if (onStack.has(schema)) throw new Unsupported();
  onStack.add(schema);
  let compiled: Compiled;
  try {
    compiled = compileKind(schema, def, onStack);
  } finally {
    onStack.delete(schema);
  }
  // Belt and braces for variants that share a def with a modelled kind: where zod refuses undefined or null, so must
  // the node. (z.exactOptional() would be one; it is refused by name below.)
  for (const probe of [undefined, null]) {
    if (compiled.accept(probe) && !z.safeParse(schema, probe).success) throw new Unsupported();
  }
  return compiled;
}

function compileKind(schema: z.core.$ZodType, def: Def, onStack: Set<z.core.$ZodType>): Compiled {
  switch (def.type) {
    case 'string':
      return leaf('string', (v) => typeof v === 'string');
    case 'number':
      return leaf('number', (v) => typeof v === 'number' && Number.isFinite(v));
    case 'boolean':
      return leaf('boolean', (v) => typeof v === 'boolean');
    case 'unknown':
    case 'any':
      // Required in an object all the same: zod 4.6 reports an absent unknown/any key as "expected nonoptional".
      return leaf('any', () => true);
    case 'null':
      return required((v) => v === null);
    case 'literal': {
      const values = new Set<unknown>(def.values);
      return required((v) => values.has(v));
    }
    case 'enum': {
      const values = new Set<unknown>(enumValues(def.entries));
      return required((v) => values.has(v));
    }
    case 'optional': {
      // z.exactOptional() has the same def, but refuses a present `undefined`.
      if (schema._zod.traits.has('$ZodExactOptional')) throw new Unsupported();
      const inner = compileNode(def.innerType, onStack);
      const accept = inner.accept;
      return { accept: (v) => v === undefined || accept(v), mayBeAbsent: true, leaf: inner.leaf && { ...inner.leaf, undefinedOk: true } };
    }
    case 'nullable': {
      const inner = compileNode(def.innerType, onStack);
      const accept = inner.accept;
      return { accept: (v) => v === null || accept(v), mayBeAbsent: inner.mayBeAbsent, leaf: inner.leaf && { ...inner.leaf, nullOk: true } };
    }
    case 'array':
      return required(arrayAcceptor(compileNode(def.element, onStack).accept));
    case 'object':
      return required(objectAcceptor(def, onStack));
    default:
      throw new Unsupported();
  }
}

function required(accept: Acceptor): Compiled {
  return { accept, mayBeAbsent: false, leaf: undefined };
}

function leaf(type: Leaf['type'], accept: Acceptor): Compiled {
  return { accept, mayBeAbsent: false, leaf: { type, nullOk: false, undefinedOk: false } };
}

function arrayAcceptor(element: Acceptor): Acceptor {
  // zod fills a hole with `undefined`; where the element refuses undefined, the hole is refused anyway.
  const holesPass = element(undefined);
  return (value) => {
    if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) {
      if (holesPass && !(i in value)) return false;
      if (!element(value[i])) return false;
    }
    return true;
  };
}

/** A field's check, the common leaves inline: a call per field is most of what a plain loop would cost. */
function fieldAccepts(field: Field, v: unknown): boolean {
  switch (field.leafType) {
    case 'string':
      if (typeof v === 'string') return true;
      break;
    case 'number':
      if (typeof v === 'number' && Number.isFinite(v)) return true;
      break;
    case 'boolean':
      if (typeof v === 'boolean') return true;
      break;
    case 'any':
      return true;
    default:
      return field.accept(v);
  }
  return v === null ? field.nullOk : v === undefined && field.undefinedOk;
}

function objectAcceptor(def: z.core.$ZodObjectDef, onStack: Set<z.core.$ZodType>): Acceptor {
  const shape = def.shape;
  const keys = Object.keys(shape);
  // Symbol keys are not modelled; nor is a `__proto__` shape key, which zod skips entirely (never checks it).
  if (Object.getOwnPropertySymbols(shape).length || keys.includes('__proto__') || keys.length > MAX_FIELDS) throw new Unsupported();
  const catchall = def.catchall;
  if (catchall !== undefined && catchall._zod.def.type !== 'unknown' && catchall._zod.def.type !== 'any') throw new Unsupported();
  if (catchall) compileNode(catchall, onStack);
  const loose = catchall !== undefined;

  const fields: Field[] = [];
  const optional: Field[] = [];
  let requiredBits = 0;
  for (const [index, key] of keys.entries()) {
    const schema = shape[key];
    if (!schema) throw new Unsupported();
    const compiled = compileNode(schema, onStack);
    // zod decides absence from optin/optout; a disagreement means this walk misread the schema. An absent field is
    // read as undefined, so one that may be absent must take undefined.
    const zodAllowsAbsent = schema._zod.optin === 'optional' && schema._zod.optout === 'optional';
    if (zodAllowsAbsent !== compiled.mayBeAbsent || (compiled.mayBeAbsent && !compiled.accept(undefined))) throw new Unsupported();
    const field: Field = {
      key, bit: 1 << index, accept: compiled.accept,
      leafType: compiled.leaf?.type, nullOk: compiled.leaf?.nullOk ?? false, undefinedOk: compiled.leaf?.undefinedOk ?? false,
    };
    fields.push(field);
    if (compiled.mayBeAbsent) optional.push(field);
    else requiredBits |= field.bit;
  }
  const allBits = fields.reduce((bits, f) => bits | f.bit, 0);
  const indexOf = new Map(keys.map((key, index) => [key, index]));
  // The keys of objects from one answer come in one order, so the key at each position is remembered with its field
  // (-1: unknown), and a hit costs one comparison of interned strings instead of a Map lookup.
  const seenKeys: string[] = [];
  const seenFields: number[] = [];

  // Walks the object's own keys with for…in (fast on objects of one hidden class), not the shape's keys: reading
  // `value[key]` with a different key each time makes V8's property lookup generic, and costs more than zod's copy.
  return (value) => {
    if (!isPlainObject(value)) return false;
    let seen = 0;
    let position = 0;
    for (const key in value) {
      let index: number;
      if (key === seenKeys[position]) {
        index = seenFields[position] ?? -1;
      } else {
        index = indexOf.get(key) ?? -1;
        if (position < MAX_CACHED_POSITIONS) {
          seenKeys[position] = key;
          seenFields[position] = index;
        }
      }
      position++;
      if (index < 0) {
        // Loose: zod keeps an unknown key, except an own `__proto__`, which it drops. Default: it strips them all.
        if (!loose || key === '__proto__') return false;
        continue;
      }
      const field = fields[index];
      if (!field || !fieldAccepts(field, value[key])) return false;
      seen |= field.bit;
    }
    if (seen === allBits) return true;
    if ((seen & requiredBits) !== requiredBits) return false;
    // An optional field for…in did not yield is absent, or not an own enumerable key (say, inherited): zod reads it
    // all the same, so it must be undefined (then zod takes it, as absent or as a present undefined).
    for (const field of optional) if ((seen & field.bit) === 0 && value[field.key] !== undefined) return false;
    return true;
  };
}

/**
 * A predicate that is true only where `schema` accepts the value and would return it unchanged (see the top of this
 * file), or undefined when the schema holds anything it does not model. Built once per schema.
 */
export function compileAcceptor(schema: z.core.$ZodType): Acceptor | undefined {
  let accept: Acceptor;
  try {
    accept = compileNode(schema, new Set()).accept;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  return (value) => objectPrototypeIsClean() && accept(value);
}

/**
 * `schema` with `accept` tried first: where it says true the value itself is the output (no copy); otherwise
 * `schema` decides, and its data, or its issues (code, message and path as zod reported them), are the result.
 * `accept` must be true only where `schema` accepts the value and would return it unchanged.
 */
export function checkedWith<S extends z.ZodType>(schema: S, accept: Acceptor): z.ZodType<z.output<S>> {
  const checked = z.unknown().transform((value, ctx): z.output<S> => {
    if (accept(value)) return value as z.output<S>;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    // A copy: addIssue fills in what the issue lacks (input, inst) on the object it is given.
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
    return z.NEVER;
  });
  // As an object field, an optional schema may be absent; the wrapper (a pipe from unknown) would require it. Its
  // output type gains nothing: an optional schema's output already includes undefined.
  return schema._zod.optin === 'optional' ? (checked.optional() as z.ZodType<z.output<S>>) : checked;
}

/**
 * `schema`, with its compiled acceptor tried first (see checkedWith). A schema compileAcceptor refuses is returned
 * as it is: correct, only not faster.
 */
export function fastChecked<S extends z.ZodType>(schema: S): z.ZodType<z.output<S>> {
  const accept = compileAcceptor(schema);
  return accept ? checkedWith(schema, accept) : (schema as z.ZodType<z.output<S>>);
}
