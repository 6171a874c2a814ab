// A minimal method + path router. Patterns use `:name` for a parameter segment. When several patterns match a
// path, the one with the most literal segments wins, so `/dlp/entries/integration` beats `/dlp/entries/:entryId`.

export type RouteLookup<H> =
  | { kind: 'found'; handler: H; params: Record<string, string> }
  | { kind: 'methodNotAllowed'; allowed: string[] }
  | { kind: 'notFound' };

interface Route<H> {
  method: string;
  segments: string[];
  literalCount: number;
  handler: H;
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, pattern: string, handler: H): this {
    const segments = splitPath(pattern);
    this.routes.push({ method: method.toUpperCase(), segments, literalCount: segments.filter((s) => !s.startsWith(':')).length, handler });
    return this;
  }

  lookup(method: string, path: string): RouteLookup<H> {
    const parts = splitPath(path);
    const matches: { route: Route<H>; params: Record<string, string> }[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (params) matches.push({ route, params });
    }
    if (matches.length === 0) return { kind: 'notFound' };
    const sameMethod = matches.filter((m) => m.route.method === method.toUpperCase());
    if (sameMethod.length === 0) {
      return { kind: 'methodNotAllowed', allowed: [...new Set(matches.map((m) => m.route.method))].sort() };
    }
    const best = sameMethod.reduce((a, b) => (b.route.literalCount > a.route.literalCount ? b : a));
    return { kind: 'found', handler: best.route.handler, params: best.params };
  }
}

/** Path segments without empty ones, so a trailing slash is tolerated. Segments are URL-decoded. */
export function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '').map(safeDecode);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string;
    const actual = parts[i] as string;
    if (expected.startsWith(':')) params[expected.slice(1)] = actual;
    else if (expected !== actual) return undefined;
  }
  return params;
}
