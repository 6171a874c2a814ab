// Tiny hand-written request-body checks. Every problem names its field (message and JSON pointer), and all
// problems of one body are reported together, as Cloudflare does for multi-field errors.
import { ApiError, ERROR_CODES, type CfMessage } from './envelope';

export type JsonObject = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An absolute http(s) URI, as `format: uri` asks for tenant URLs. */
export function isHttpUri(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

interface StringRule {
  required: boolean;
  nullable?: boolean;
  /** Reject "" (names, config values). */
  nonEmpty?: boolean;
  format?: 'uri' | 'uuid';
  pattern?: { regex: RegExp; hint: string };
}

/** Reads fields of one JSON object, collecting problems; `throwIfInvalid()` turns them into a 400. */
export class BodyCheck {
  private readonly problems: CfMessage[];

  constructor(
    readonly body: JsonObject,
    private readonly pointerBase = '',
    problems: CfMessage[] = [],
  ) {
    this.problems = problems;
  }

  /** The body itself must be a JSON object (routes call this first). */
  static object(body: unknown): BodyCheck {
    if (body === undefined) throw invalid('', 'Request body is required (a JSON object)');
    if (!isJsonObject(body)) throw invalid('', 'Request body must be a JSON object');
    return new BodyCheck(body);
  }

  /** A check of a nested object sharing this check's problem list; undefined (and a problem) when not an object. */
  nested(key: string, required: boolean): BodyCheck | undefined {
    const value = this.body[key];
    if (value === undefined) {
      if (required) this.problem(key, 'is required');
      return undefined;
    }
    if (!isJsonObject(value)) {
      this.problem(key, 'must be an object');
      return undefined;
    }
    return new BodyCheck(value, this.pointer(key), this.problems);
  }

  has(key: string): boolean {
    return this.body[key] !== undefined;
  }

  string(key: string, rule: StringRule): string | null | undefined {
    const value = this.body[key];
    if (value === undefined) return this.missing(key, rule.required);
    if (value === null) {
      if (rule.nullable) return null;
      this.problem(key, 'must be a string, not null');
      return undefined;
    }
    if (typeof value !== 'string') return this.wrongType(key, 'a string');
    if (rule.nonEmpty && value.trim() === '') return this.wrongType(key, 'a non-empty string');
    if (rule.format === 'uri' && !isHttpUri(value)) return this.wrongType(key, 'an absolute URI (https://…)');
    if (rule.format === 'uuid' && !isUuid(value)) return this.wrongType(key, 'a UUID');
    if (rule.pattern && !rule.pattern.regex.test(value)) return this.wrongType(key, rule.pattern.hint);
    return value;
  }

  boolean(key: string, required: boolean): boolean | undefined {
    const value = this.body[key];
    if (value === undefined) return this.missing(key, required);
    if (typeof value !== 'boolean') return this.wrongType(key, 'a boolean (true or false)');
    return value;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], required: boolean): T | undefined {
    const value = this.body[key];
    if (value === undefined) return this.missing(key, required);
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      return this.wrongType(key, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    }
    return value as T;
  }

  /**
   * Rejects fields the endpoint does not accept. Stricter than Cloudflare on purpose: a client that sends
   * read-only fields (id, created_at…) back is a client bug the sandbox should surface.
   */
  onlyKnown(keys: readonly string[], what: string): void {
    for (const key of Object.keys(this.body)) {
      if (!keys.includes(key)) this.problem(key, `is not a field of ${what} (accepted: ${keys.join(', ')})`);
    }
  }

  problem(key: string, text: string): void {
    const pointer = this.pointer(key);
    this.problems.push({ code: ERROR_CODES.invalidBodyField, message: `${pointer.slice(1).replace(/\//g, '.')}: ${text}`, source: { pointer } });
  }

  throwIfInvalid(): void {
    if (this.problems.length > 0) throw new ApiError(400, [...this.problems]);
  }

  private pointer(key: string): string {
    return `${this.pointerBase}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  }

  private missing(key: string, required: boolean): undefined {
    if (required) this.problem(key, 'is required');
    return undefined;
  }

  private wrongType(key: string, expected: string): undefined {
    this.problem(key, `must be ${expected}`);
    return undefined;
  }
}

function invalid(pointer: string, message: string): ApiError {
  return new ApiError(400, [{ code: ERROR_CODES.invalidBodyField, message, source: { pointer } }]);
}
