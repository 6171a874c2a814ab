// A strict JSON (RFC 8259) parser that remembers where every value and property key sits in the
// source text, so problems found on the parsed value (zod issue paths) can be shown on the exact range
// in the editor. Pure logic: offsets are UTF-16 code-unit indexes into the text that was parsed; the
// caller turns them into editor ranges. Written by hand because JSON.parse keeps no positions and the
// extension may not take a dependency for this.

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

/** The parser recurses once per nesting level; capping it keeps hostile input from overflowing the stack. */
const MAX_DEPTH = 1000;

/** Where a value sits; containers also keep their children, so a path can be followed after parsing. */
interface Node {
  readonly offset: number;
  readonly length: number;
  readonly props?: Map<string, Child>;
  readonly items?: Node[];
}
/** One step down a path: the child's value, and its key when the parent is an object. */
interface Child { readonly key: JsonSpan | undefined; readonly node: Node; }
interface Parsed { readonly value: unknown; readonly node: Node; }

/** Thrown inside the parser to unwind to the entry point at the first syntax error; never escapes it. */
class SyntaxFailure {
  constructor(readonly error: JsonSyntaxError) {}
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const LITERALS: Record<string, boolean | null> = { true: true, false: false, null: null };

/** Letters, digits and '_': what a bare word or a malformed number token is made of. */
const isWordChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parseDocument(): Parsed {
    // Some Windows tools save a byte order mark; it is an encoding artefact, not content.
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.skipWhitespace();
    const root = this.parseValue();
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail('Unexpected content after the JSON value', this.pos, 1);
    return root;
  }

  private parseValue(): Parsed {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === 0x7b) return this.parseObject();
    if (c === 0x5b) return this.parseArray();
    if (c === 0x22) {
      const value = this.parseString();
      return { value, node: { offset: start, length: this.pos - start } };
    }
    if (c === 0x2d || c === 0x2b || c === 0x2e || (c >= 0x30 && c <= 0x39)) return this.parseNumber();
    if (Number.isNaN(c)) this.fail('Unexpected end of input', start, 0);
    if (isWordChar(c)) {
      const word = this.scanToken(false);
      if (Object.hasOwn(LITERALS, word)) return { value: LITERALS[word], node: { offset: start, length: word.length } };
      // JavaScript spellings of numbers get a number-specific message, since that is what the user meant.
      const what = word === 'NaN' || word === 'Infinity' ? 'Invalid number' : 'Unexpected token';
      this.fail(`${what} "${word}"`, start, word.length);
    }
    if (c === 0x27) this.fail('Strings must use double quotes', start, 1);
    return this.fail(`Expected a value, found '${text[start] ?? ''}'`, start, 1);
  }

  private parseObject(): Parsed {
    const text = this.text;
    const start = this.enter();
    const value: Record<string, unknown> = {};
    const props = new Map<string, Child>();
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) !== 0x7d) {
      for (;;) {
        const keyStart = this.pos;
        if (text.charCodeAt(keyStart) !== 0x22) this.expected('property name in double quotes');
        const key = this.parseString();
        const keySpan = { offset: keyStart, length: this.pos - keyStart };
        // JSON.parse keeps the last duplicate silently; saving such a document would be ambiguous.
        if (props.has(key)) this.fail(`Duplicate key ${JSON.stringify(key)}`, keyStart, keySpan.length);
        this.skipWhitespace();
        if (text.charCodeAt(this.pos) !== 0x3a) this.expected("':' after property name");
        this.pos++;
        this.skipWhitespace();
        const item = this.parseValue();
        // Assigning "__proto__" would replace the prototype; JSON.parse makes it an own data property.
        if (key === '__proto__') {
          Object.defineProperty(value, key, { value: item.value, writable: true, enumerable: true, configurable: true });
        } else {
          value[key] = item.value;
        }
        props.set(key, { key: keySpan, node: item.node });
        if (this.nextOrEnd(0x7d, "',' or '}' after property value")) break;
      }
    }
    return { value, node: { offset: start, length: this.leave() - start, props } };
  }

  private parseArray(): Parsed {
    const start = this.enter();
    const value: unknown[] = [];
    const items: Node[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) !== 0x5d) {
      do {
        const item = this.parseValue();
        value.push(item.value);
        items.push(item.node);
      } while (!this.nextOrEnd(0x5d, "',' or ']' after array element"));
    }
    return { value, node: { offset: start, length: this.leave() - start, items } };
  }

  /** After a member: true at the closing bracket, false after a comma (rejecting a trailing one). */
  private nextOrEnd(close: number, what: string): boolean {
    this.skipWhitespace();
    const c = this.text.charCodeAt(this.pos);
    if (c === close) return true;
    if (c !== 0x2c) this.expected(what);
    const comma = this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === close) this.fail('Trailing comma', comma, 1);
    return false;
  }

  /** Steps over an opening bracket; returns its offset. */
  private enter(): number {
    if (++this.depth > MAX_DEPTH) this.fail('Nesting is too deep', this.pos, 1);
    return this.pos++;
  }

  /** Steps over the closing bracket the caller has already seen; returns the offset just past it. */
  private leave(): number {
    this.depth--;
    return ++this.pos;
  }

  /** Reads the string whose opening quote is at `pos`, leaving `pos` just past the closing quote. */
  private parseString(): string {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      let c = text.charCodeAt(i);
      while (c >= 0x20 && c !== 0x22 && c !== 0x5c) c = text.charCodeAt(++i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        i += this.checkEscape(i, start);
        escaped = true;
        continue;
      }
      // A raw line break almost always means the closing quote is missing, so say that.
      if (Number.isNaN(c) || c === 0x0a || c === 0x0d) this.fail('Unterminated string', start, i - start);
      this.fail('Control characters must be escaped in strings', i, 1);
    }
    this.pos = i + 1;
    // The literal has just been validated, so the native decoder cannot fail on it; it is linear and
    // much faster than assembling escape-heavy strings piece by piece.
    return escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
  }

  /** Validates the escape sequence whose backslash is at `at`; returns its length. */
  private checkEscape(at: number, stringStart: number): number {
    const text = this.text;
    const e = text[at + 1];
    if (e === 'u') {
      const hex = text.slice(at + 2, at + 6);
      if (!HEX4.test(hex)) this.fail('Invalid unicode escape: expected four hex digits after \\u', at, 2 + hex.length);
      return 6;
    }
    if (e === undefined) this.fail('Unterminated string', stringStart, at + 1 - stringStart);
    if (!'"\\/bfnrt'.includes(e)) this.fail(`Invalid escape sequence '\\${e}'`, at, 2);
    return 2;
  }

  private parseNumber(): Parsed {
    const start = this.pos;
    const token = this.scanToken(true);
    if (!NUMBER.test(token)) this.fail(`Invalid number "${token}"`, start, Math.max(token.length, 1));
    return { value: Number(token), node: { offset: start, length: token.length } };
  }

  /** Consumes a whole word, plus signs and dots for numbers, so "01", "1.e5" or "NaN" is reported whole. */
  private scanToken(numberish: boolean): string {
    const text = this.text;
    const start = this.pos;
    let c = text.charCodeAt(start);
    while (isWordChar(c) || (numberish && (c === 0x2e || c === 0x2d || c === 0x2b))) c = text.charCodeAt(++this.pos);
    return text.slice(start, this.pos);
  }

  private skipWhitespace(): void {
    const text = this.text;
    let i = this.pos;
    let c = text.charCodeAt(i);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
    this.pos = i;
    // Comments are the most common JSONC habit; name them (whole) instead of reporting a stray '/'.
    const next = c === 0x2f ? text[i + 1] : undefined;
    if (next !== '/' && next !== '*') return;
    const close = next === '*' ? text.indexOf('*/', i + 2) + 2 : text.slice(i).search(/[\r\n]/) + i;
    this.fail('Comments are not allowed in JSON', i, (close > i + 1 ? close : text.length) - i);
  }

  private expected(what: string): never {
    if (this.pos >= this.text.length) this.fail('Unexpected end of input', this.text.length, 0);
    return this.fail(`Expected ${what}`, this.pos, 1);
  }

  private fail(message: string, offset: number, length: number): never {
    throw new SyntaxFailure({ message, offset, length });
  }
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
  let root: Parsed;
  try {
    root = new Parser(text).parseDocument();
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, errors: [e.error] };
    // Not expected; kept so a parser bug, or a caller already deep in its own stack, becomes a
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

/** 0-based line/character for an offset (UTF-16 code units, as VS Code positions are). */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  // Clamped like VS Code's TextDocument.positionAt, so a stale offset still lands somewhere sensible.
  let end = offset > 0 ? Math.min(Math.floor(offset), text.length) : 0;
  // Between the \r and \n of a CRLF is not a real position; VS Code puts it at the end of that line.
  if (end > 0 && text.charCodeAt(end - 1) === 0x0d && text.charCodeAt(end) === 0x0a) end--;
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    // \n, \r\n and a lone \r all end a line, as in VS Code; the \r of a CRLF is counted at its \n.
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: end - lineStart };
}
