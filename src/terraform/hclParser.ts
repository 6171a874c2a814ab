// Parses Terraform files with @cdktf/hcl2json: HashiCorp's own HCL parser compiled to WebAssembly, so it reads
// every construct Terraform reads (no regular expressions over HCL). It answers in Terraform's JSON syntax: blocks
// become lists of objects, and every expression becomes a "${…}" string (see hclLiterals.ts).
//
// Loaded on the first parse, never at activation: the module instantiates its 1.7 MB WebAssembly file as soon as it
// is required. In the extension bundle, esbuild.mjs points this require at dist/hcl2json/ (its own chunk, beside
// the .wasm it reads through __dirname); in the unit tests it is the package in node_modules.

/** The parsed configuration of one file, in Terraform's JSON syntax. */
export type HclJson = Readonly<Record<string, unknown>>;

/** The file does not parse; the message is the parser's, with the file, line and column. */
export class HclParseError extends Error {
  constructor(readonly file: string, message: string) {
    super(message);
    this.name = 'HclParseError';
  }
}

/** The parser did not answer in time (its WebAssembly module did not start). */
export class HclParserUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HclParserUnavailableError';
  }
}

interface Hcl2Json {
  parse(filename: string, contents: string): Promise<unknown>;
}

/**
 * How long a parse may take. The first one starts the WebAssembly module (under a second on a slow machine); if the
 * .wasm is missing the module never becomes ready and its parse never settles, so this turns that into an error.
 */
const PARSE_TIMEOUT_MS = 30_000;

let parser: Hcl2Json | undefined;

function isHcl2Json(candidate: unknown): candidate is Hcl2Json {
  return typeof candidate === 'object' && candidate !== null && typeof (candidate as { parse?: unknown }).parse === 'function';
}

function loadParser(): Hcl2Json {
  if (parser) return parser;
  // A require typed as unknown rather than an import: the package's own typings pull the DOM library into the
  // whole program, and an import would also load it at activation.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose, see above
  const loaded: unknown = require('@cdktf/hcl2json');
  if (!isHcl2Json(loaded)) throw new Error('The HCL parser module (@cdktf/hcl2json) has no parse function.');
  parser = loaded;
  return parser;
}

function withTimeout<T>(work: Promise<T>, file: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HclParserUnavailableError(`Parsing ${file} took more than ${PARSE_TIMEOUT_MS / 1000} s: the HCL parser did not start.`)), PARSE_TIMEOUT_MS);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Parses one file. Rejects with HclParseError when the text is not valid HCL. */
export async function parseHcl(file: string, text: string): Promise<HclJson> {
  const hcl2json = loadParser();
  let parsed: unknown;
  try {
    parsed = await withTimeout(hcl2json.parse(file, text), file);
  } catch (error) {
    if (error instanceof HclParserUnavailableError) throw error;
    throw new HclParseError(file, error instanceof Error ? error.message : String(error));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new HclParseError(file, `${file} did not parse to an object.`);
  return parsed as HclJson;
}
