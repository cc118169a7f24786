/**
 * The JSON-path dialect of case files (conformance/README.md#the-json-path-dialect): `$`, `.name`,
 * `["any name"]`, `[2]`, `[-1]`, `[*]`, `.*`. Deliberately small: no filters, no recursive descent.
 */
export type PathSegment = { kind: "member"; name: string } | { kind: "index"; index: number } | { kind: "wildcard" };

export class JsonPathSyntaxError extends Error {}

const cache = new Map<string, PathSegment[]>();

export function parsePath(path: string): PathSegment[] {
  const cached = cache.get(path);
  if (cached) return cached;
  if (!path.startsWith("$")) throw new JsonPathSyntaxError(`a path starts with "$": ${path}`);
  const segments: PathSegment[] = [];
  let i = 1;
  const fail = (what: string): never => {
    throw new JsonPathSyntaxError(`${what} at character ${i + 1} of ${path}`);
  };
  while (i < path.length) {
    const ch = path[i];
    if (ch === ".") {
      i++;
      if (path[i] === "*") {
        segments.push({ kind: "wildcard" });
        i++;
        continue;
      }
      const m = /^[A-Za-z0-9_-]+/.exec(path.slice(i));
      if (!m) fail("expected a member name after '.'");
      segments.push({ kind: "member", name: m![0] });
      i += m![0].length;
    } else if (ch === "[") {
      const rest = path.slice(i);
      let m: RegExpExecArray | null;
      if ((m = /^\[\*\]/.exec(rest))) segments.push({ kind: "wildcard" });
      else if ((m = /^\[(-?\d+)\]/.exec(rest))) segments.push({ kind: "index", index: Number(m[1]) });
      else if ((m = /^\[(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\]/.exec(rest))) {
        const raw = m[1] ?? m[2];
        segments.push({ kind: "member", name: raw.replace(/\\(.)/g, "$1") });
      } else fail("expected [n], [*] or [\"name\"]");
      i += m![0].length;
    } else fail(`unexpected "${ch}"`);
  }
  cache.set(path, segments);
  return segments;
}

/** Every value the path matches, in document order. */
export function queryAll(doc: unknown, path: string): unknown[] {
  let current: unknown[] = [doc];
  for (const seg of parsePath(path)) {
    const next: unknown[] = [];
    for (const value of current) {
      if (seg.kind === "member") {
        if (isObject(value) && Object.prototype.hasOwnProperty.call(value, seg.name)) next.push(value[seg.name]);
      } else if (seg.kind === "index") {
        if (Array.isArray(value)) {
          const idx = seg.index < 0 ? value.length + seg.index : seg.index;
          if (idx >= 0 && idx < value.length) next.push(value[idx]);
        }
      } else if (Array.isArray(value)) next.push(...value);
      else if (isObject(value)) next.push(...Object.values(value));
    }
    current = next;
  }
  return current;
}

export function queryFirst(doc: unknown, path: string): { found: boolean; value?: unknown } {
  const all = queryAll(doc, path);
  return all.length > 0 ? { found: true, value: all[0] } : { found: false };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
