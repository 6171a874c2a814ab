// Strict JSON (RFC 8259) that remembers where every value and property key sits in the source text, so problems
// found on the parsed value (zod issue paths) can be shown on the exact range in the editor; JSON.parse keeps no
// positions. Why jsonc-parser: it is the scanner and parser behind VS Code's own JSON support, it reports the
// offset and length of every token, and it can be made strict (comments, trailing commas and empty content
// switched off). Nothing here parses by hand; this is only the adaptation: the value built from its events as
// JSON.parse builds it, value and key spans, a duplicate-key check, a nesting cap, and its error codes worded in
// plain English on the range to fix. Pure logic: offsets are UTF-16 code-unit indexes into the text that was
// parsed; the caller turns them into editor ranges.
import { type ParseErrorCode, printParseErrorCode, visit } from 'jsonc-parser';

export interface JsonSyntaxError { readonly message: string; readonly offset: number; readonly length: number; }
export type JsonPath = readonly (string | number)[];
export interface JsonSpan { readonly offset: number; readonly length: number; }
export interface ParsedJson {
  /** The same value JSON.parse would give. */
  readonly value: unknown;
  /** Span of the value at a path; falls back to the nearest existing ancestor (e.g. a missing required field → its parent object). */
  spanOf(path: JsonPath): JsonSpan;
  /** Span of the property *key* at a path when it exists (for "unknown field" / read-only field problems); else spanOf(path). */
  keySpanOf(path: JsonPath): JsonSpan;
}
export type ParseResult = { ok: true; json: ParsedJson } | { ok: false; errors: JsonSyntaxError[] };

/** jsonc-parser recurses once per nesting level; capping it keeps hostile input from overflowing the stack. */
const MAX_DEPTH = 1000;

/** Where a value sits; containers also keep their children, so a path can be followed after parsing. */
interface Node {
  readonly offset: number;
  length: number;
  readonly props?: Map<string, Child>;
  readonly items?: Node[];
}
/** One step down a path: the child's value, and its key when the parent is an object. */
interface Child { readonly key: JsonSpan | undefined; readonly node: Node; }

/** An open container while jsonc-parser walks the text. */
type Frame =
  | { readonly kind: 'array'; readonly value: unknown[]; readonly node: Node; readonly items: Node[] }
  | { readonly kind: 'object'; readonly value: Record<string, unknown>; readonly node: Node; readonly props: Map<string, Child>; key: string; keySpan: JsonSpan };

/** What the last token jsonc-parser reported calls for next; it decides how an error there is worded. */
type Expecting = 'value' | 'key' | 'colon' | 'comma-or-close';
type Container = 'object' | 'array' | undefined;

/** Where the parse stood when jsonc-parser reported its first error. */
interface ErrorContext {
  readonly expecting: Expecting;
  /** The innermost open container; none at the top level. */
  readonly container: Container;
  /** Offset of the comma just read, or -1: a closing bracket right after it is a trailing comma. */
  readonly comma: number;
  /** Offset of the number just read, or -1: jsonc-parser reads "01" or "0x10" as a number and another token. */
  readonly numberAt: number;
}

/** Thrown from a visitor callback to stop jsonc-parser at the first problem; never escapes parseJsonWithLocations. */
class SyntaxFailure extends Error {
  constructor(readonly error: JsonSyntaxError) {
    super(error.message);
  }
}

const fail = (message: string, offset: number, length: number): never => {
  throw new SyntaxFailure({ message, offset, length });
};

/** The word at `offset` (letters, digits, '_'), plus signs and dots for a number, so "01", "1.e5" or "NaN" is reported whole. */
function wordAt(text: string, offset: number, numberish: boolean): string {
  const word = numberish ? /[\w.+-]*/y : /\w*/y;
  word.lastIndex = offset;
  return word.exec(text)?.[0] ?? '';
}

function invalidNumber(text: string, offset: number): JsonSyntaxError {
  const token = wordAt(text, offset, true);
  return { message: `Invalid number "${token}"`, offset, length: Math.max(token.length, 1) };
}

/** After a complete value, something other than ',' or the closing bracket is at `offset`. */
function afterValueError(container: Container, offset: number): JsonSyntaxError {
  const message = container === 'object' ? "Expected ',' or '}' after property value"
    : container === 'array' ? "Expected ',' or ']' after array element"
      : 'Unexpected content after the JSON value';
  return { message, offset, length: 1 };
}

/**
 * The first problem in the string literal whose opening quote is at `start`. jsonc-parser reports the string as a
 * whole, with the last problem it saw in it; the editor marks the first one, where the user has to look.
 */
function stringError(text: string, start: number): JsonSyntaxError {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) break;
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === undefined) break;
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return { message: 'Invalid unicode escape: expected four hex digits after \\u', offset: i, length: 2 + hex.length };
      } else if (!'"\\/bfnrt'.includes(e)) {
        return { message: `Invalid escape sequence '\\${e}'`, offset: i, length: 2 };
      }
      i++;
      continue;
    }
    // A raw line break almost always means the closing quote is missing, so say that.
    if (c === 0x0a || c === 0x0d) return { message: 'Unterminated string', offset: start, length: i - start };
    if (c < 0x20) return { message: 'Control characters must be escaped in strings', offset: i, length: 1 };
  }
  return { message: 'Unterminated string', offset: start, length: text.length - start };
}

/** A value was expected at `offset`, where jsonc-parser found none: name what is there instead. */
function valueError(text: string, offset: number, container: Container): JsonSyntaxError {
  const c = text[offset] ?? '';
  if (/[-+.\d]/.test(c)) return invalidNumber(text, offset);
  if (/\w/.test(c)) {
    const word = wordAt(text, offset, false);
    // jsonc-parser reads "null-" or "true\u00a0" as one unknown word; the literal is fine, what follows is not.
    if (word === 'true' || word === 'false' || word === 'null') return afterValueError(container, offset + word.length);
    // JavaScript spellings of numbers get a number-specific message, since that is what the user meant.
    const what = word === 'NaN' || word === 'Infinity' ? 'Invalid number' : 'Unexpected token';
    return { message: `${what} "${word}"`, offset, length: word.length };
  }
  if (c === "'") return { message: 'Strings must use double quotes', offset, length: 1 };
  return { message: `Expected a value, found '${c}'`, offset, length: 1 };
}

/**
 * jsonc-parser's error code and offset, in plain English on the range the user has to fix. It reports a bad
 * token (string, number, unknown word) as soon as it scans it, before it checks that a token of that kind may
 * stand there; the user is told the structural problem first, the token's own only where a value or key belongs.
 */
function describeError(text: string, code: ParseErrorCode, offset: number, length: number, at: ErrorContext): JsonSyntaxError {
  const { expecting, container, comma, numberAt } = at;
  const kind = printParseErrorCode(code);
  // An unterminated block comment is reported one past the end of the text.
  if (kind === 'InvalidCommentToken') return { message: 'Comments are not allowed in JSON', offset, length: Math.min(length, text.length - offset) };
  if (expecting === 'comma-or-close' && numberAt >= 0 && numberAt + wordAt(text, numberAt, true).length > offset) return invalidNumber(text, numberAt);
  const stringProblem = kind === 'UnexpectedEndOfString' || kind === 'InvalidUnicode' || kind === 'InvalidEscapeCharacter' || kind === 'InvalidCharacter';
  if (stringProblem && (expecting === 'value' || expecting === 'key')) return stringError(text, offset);
  if (offset >= text.length) return { message: 'Unexpected end of input', offset: text.length, length: 0 };
  switch (expecting) {
    case 'key':
      return comma >= 0 && text[offset] === '}' ? { message: 'Trailing comma', offset: comma, length: 1 } : { message: 'Expected property name in double quotes', offset, length: 1 };
    case 'value':
      return comma >= 0 && text[offset] === ']' ? { message: 'Trailing comma', offset: comma, length: 1 } : valueError(text, offset, container);
    case 'colon':
      return { message: "Expected ':' after property name", offset, length: 1 };
    case 'comma-or-close':
      return afterValueError(container, offset);
  }
}

/** Parses `text` with jsonc-parser, building the value and its spans; throws SyntaxFailure at the first problem. */
function parseWithSpans(text: string): { value: unknown; node: Node } {
  const stack: Frame[] = [];
  let root: { value: unknown; node: Node } | undefined;
  // The error context, as of the last token jsonc-parser reported.
  let expecting: Expecting = 'value';
  let comma = -1;
  let numberAt = -1;
  const next = (what: Expecting, commaAt = -1, numberStart = -1): void => {
    expecting = what;
    comma = commaAt;
    numberAt = numberStart;
  };

  const add = (value: unknown, node: Node): void => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      root = { value, node };
    } else if (parent.kind === 'array') {
      parent.value.push(value);
      parent.items.push(node);
    } else {
      // Assigning "__proto__" would replace the prototype; JSON.parse makes it an own data property.
      if (parent.key === '__proto__') {
        Object.defineProperty(parent.value, parent.key, { value, writable: true, enumerable: true, configurable: true });
      } else {
        parent.value[parent.key] = value;
      }
      parent.props.set(parent.key, { key: parent.keySpan, node });
    }
  };
  const open = (frame: Frame): void => {
    if (stack.length >= MAX_DEPTH) fail('Nesting is too deep', frame.node.offset, 1);
    add(frame.value, frame.node);
    stack.push(frame);
    next(frame.kind === 'object' ? 'key' : 'value');
  };
  const close = (offset: number, length: number): void => {
    const frame = stack.pop();
    if (frame) frame.node.length = offset + length - frame.node.offset;
    next('comma-or-close');
  };

  visit(text, {
    onObjectBegin: (offset) => {
      const props = new Map<string, Child>();
      open({ kind: 'object', value: {}, node: { offset, length: 0, props }, props, key: '', keySpan: { offset, length: 0 } });
    },
    onArrayBegin: (offset) => {
      const items: Node[] = [];
      open({ kind: 'array', value: [], node: { offset, length: 0, items }, items });
    },
    onObjectProperty: (key, offset, length) => {
      const frame = stack[stack.length - 1];
      if (frame?.kind !== 'object') return;
      // JSON.parse keeps the last duplicate silently; saving such a document would be ambiguous.
      if (frame.props.has(key)) fail(`Duplicate key ${JSON.stringify(key)}`, offset, length);
      frame.key = key;
      frame.keySpan = { offset, length };
      next('colon');
    },
    onSeparator: (separator, offset) => {
      if (separator === ',') next(stack[stack.length - 1]?.kind === 'object' ? 'key' : 'value', offset);
      else next('value');
    },
    onLiteralValue: (value: unknown, offset, length) => {
      add(value, { offset, length });
      next('comma-or-close', -1, typeof value === 'number' ? offset : -1);
    },
    onObjectEnd: close,
    onArrayEnd: close,
    onError: (code, offset, length) => {
      const container = stack[stack.length - 1]?.kind;
      throw new SyntaxFailure(describeError(text, code, offset, length, { expecting, container, comma, numberAt }));
    },
  }, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });

  // Without an error jsonc-parser has read exactly one value; kept so a surprise is a diagnostic, not a crash.
  return root ?? fail('Unexpected end of input', text.length, 0);
}

function step(node: Node, segment: string | number): Child | undefined {
  if (node.props) return node.props.get(String(segment));
  if (!node.items) return undefined;
  // zod reports array indexes as numbers; accept their canonical string form too.
  const index = typeof segment === 'number' ? segment : /^(?:0|[1-9]\d*)$/.test(segment) ? Number(segment) : -1;
  const item = node.items[index];
  return item && { key: undefined, node: item };
}

/** Follows `path` as far as it exists. */
function walk(root: Node, path: JsonPath): { node: Node; key: JsonSpan | undefined; found: boolean } {
  let current: Child = { key: undefined, node: root };
  for (const segment of path) {
    const next = step(current.node, segment);
    if (!next) return { node: current.node, key: undefined, found: false };
    current = next;
  }
  return { ...current, found: true };
}

const spanOfNode = (node: Node): JsonSpan => ({ offset: node.offset, length: node.length });

export function parseJsonWithLocations(text: string): ParseResult {
  let root: { value: unknown; node: Node };
  try {
    // Some Windows tools save a byte order mark; it is an encoding artefact, not content. Read as a space, it
    // leaves every offset where it is.
    root = parseWithSpans(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text);
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, errors: [e.error] };
    // Not expected; kept so a library bug, or a caller already deep in its own stack, becomes a
    // diagnostic instead of an exception in the editor.
    const message = e instanceof RangeError ? 'Nesting is too deep' : 'The document could not be parsed';
    return { ok: false, errors: [{ message, offset: 0, length: 0 }] };
  }
  const rootNode = root.node;
  return {
    ok: true,
    json: {
      value: root.value,
      spanOf: (path) => spanOfNode(walk(rootNode, path).node),
      keySpanOf: (path) => {
        const found = walk(rootNode, path);
        return found.found && found.key ? { ...found.key } : spanOfNode(found.node);
      },
    },
  };
}
