/**
 * TypeScript types from the JSON Schemas of a spec version, one module per version. The root schema is
 * built in memory: its `$defs` names every schema of the version and its properties map each schema name
 * to its type, so every schema is reachable and a type shared by several schemas (usage, tool call, …) is
 * emitted once. `$ref`s resolve offline: relative names and `https://lis-spec.org/schemas/<v>/…` URLs both
 * map to local files, and no HTTP resolver exists.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { JSONSchema } from "json-schema-to-typescript";
import { optionalPackage } from "../util/lazy-packages.js";
import { LisError, EXIT } from "../util/errors.js";
import { ROOT, schemaDir as defaultSchemaDir, typesDir } from "../util/paths.js";

export const SCHEMA_BASE = "https://lis-spec.org/schemas/";
const SUFFIX = ".schema.json";
/** The root's type: schema name → type, e.g. `SchemaTypes["chat-completion"]`. */
export const ROOT_TYPE_NAME = "SchemaTypes";

export const typesFile = (version: string) => join(typesDir(version), "index.ts");

/** The versions that have schemas: folders of schemas/ named MAJOR.MINOR (not `reports`, …), sorted. */
export function schemaVersions(): string[] {
  const dir = join(ROOT, "schemas");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => /^\d+\.\d+$/.test(d) && readdirSync(join(dir, d)).some((f) => f.endsWith(SUFFIX)))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

const banner = (version: string) => `/**
 * generated — do not edit.
 *
 * TypeScript types of the LIS ${version} JSON Schemas (schemas/${version}/*.schema.json), made by
 * \`npm run generate\` (lis generate, json-schema-to-typescript). The test suite fails when this file
 * differs from a fresh generation; change the schemas, then regenerate.
 */
/* eslint-disable */`;

export interface GenerateOptions {
  version: string;
  /** The folder of the version's schemas; defaults to schemas/<version>. A modified copy in tests. */
  schemaDir?: string;
}

/** The names of the schema files of a folder, sorted: `chat-completion`, `error`, … */
function schemaFileNames(dir: string): string[] {
  if (!existsSync(dir)) throw new LisError(`no schemas in ${dir}`, EXIT.USAGE);
  return readdirSync(dir)
    .filter((f) => f.endsWith(SUFFIX))
    .map((f) => f.slice(0, -SUFFIX.length))
    .sort();
}

/** Generates the types module of a version, in memory. Deterministic: same schemas, same text. */
export async function generateTypes(options: GenerateOptions): Promise<string> {
  const { version } = options;
  const dir = options.schemaDir ?? defaultSchemaDir(version);
  const names = schemaFileNames(dir);
  if (names.length === 0) throw new LisError(`no *${SUFFIX} files in ${dir}: nothing to generate`, EXIT.USAGE);
  const base = `${SCHEMA_BASE}${version}/`;
  const root = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `${base}index`,
    title: ROOT_TYPE_NAME,
    description: `Every JSON Schema of LIS ${version} by its name (\`lis validate --schema <name>\`).`,
    type: "object",
    additionalProperties: false,
    required: names,
    properties: Object.fromEntries(names.map((n) => [n, { $ref: `#/$defs/${n}` }])),
    $defs: Object.fromEntries(names.map((n) => [n, { $ref: `${n}${SUFFIX}` }])),
  };
  try {
    // Only `lis generate` needs it (and Prettier with it): an optional dependency of the package.
    const { compile } = await optionalPackage<typeof import("json-schema-to-typescript")>("json-schema-to-typescript", "json-schema-to-typescript", "lis generate");
    return await compile(root as JSONSchema, ROOT_TYPE_NAME, {
      // Relative refs resolve against the base URL, so relative and absolute refs to one file are one schema.
      cwd: base,
      bannerComment: banner(version),
      additionalProperties: true,
      ignoreMinAndMaxItems: true, // plain arrays: `T[]`, not 20-way tuple unions for maxItems
      unknownAny: true,
      strictIndexSignatures: false,
      format: true,
      $refOptions: {
        resolve: {
          http: false,
          file: false,
          lis: {
            order: 1,
            canRead: (file: { url: string }) => file.url.startsWith(SCHEMA_BASE),
            read: (file: { url: string }) => readLocalSchema(file.url, version, dir),
          },
        },
      },
    });
  } catch (err) {
    if (err instanceof LisError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new LisError(`cannot generate types from ${dir}: ${message}`, EXIT.USAGE);
  }
}

/** `https://lis-spec.org/schemas/<v>/<file>` → the local file (the given folder for the version being built). */
function readLocalSchema(url: string, version: string, dir: string): string {
  const rest = url.slice(SCHEMA_BASE.length).split("#")[0];
  const slash = rest.indexOf("/");
  const refVersion = rest.slice(0, slash);
  const file = rest.slice(slash + 1);
  if (slash === -1 || file.includes("/") || file.includes("..")) throw new LisError(`unsupported schema reference ${url}`, EXIT.USAGE);
  const path = refVersion === version ? join(dir, file) : join(ROOT, "schemas", refVersion, file);
  if (!existsSync(path)) throw new LisError(`$ref ${url} does not resolve: no file ${path}`, EXIT.USAGE);
  let schema: unknown;
  try {
    schema = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new LisError(`schema file ${path} is not JSON: ${(err as Error).message}`, EXIT.USAGE);
  }
  return JSON.stringify(withBareRefs(schema));
}

/** Keywords that only annotate: beside a `$ref` they change no type. */
const ANNOTATIONS = new Set(["description", "title", "$comment", "examples", "default", "deprecated", "readOnly", "writeOnly"]);

/**
 * Drops annotation keywords beside `$ref` (`{"$ref": "usage.schema.json", "description": "…"}`, common and
 * valid in 2020-12). The ref parser merges such siblings into a new object, and json-schema-to-typescript
 * then emits a second copy of the referenced type (`ModelMetadata1`); a bare `$ref` keeps one shared type.
 */
function withBareRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withBareRefs);
  if (node === null || typeof node !== "object") return node;
  const entries = Object.entries(node as Record<string, unknown>);
  const isRef = typeof (node as { $ref?: unknown }).$ref === "string";
  const onlyAnnotations = isRef && entries.every(([k]) => k === "$ref" || ANNOTATIONS.has(k) || k.startsWith("x-"));
  if (onlyAnnotations) return { $ref: (node as { $ref: string }).$ref };
  return Object.fromEntries(entries.map(([k, v]) => [k, k === "enum" || k === "const" || k === "examples" || k === "default" ? v : withBareRefs(v)]));
}

/**
 * A short account of how two versions of the module differ, for `lis generate --check`: counts, the first
 * differing line, and the first lines that only one side has (by content, so a moved block is not shown).
 */
export function diffSummary(committed: string, fresh: string, maxLines = 12): string {
  const a = committed.split("\n");
  const b = fresh.split("\n");
  const count = (lines: string[]) => lines.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const only = (lines: string[], other: Map<string, number>) => {
    const left = new Map(other);
    return lines.filter((l) => {
      const n = left.get(l) ?? 0;
      if (n > 0) left.set(l, n - 1);
      return n === 0;
    });
  };
  const removed = only(a, count(b));
  const added = only(b, count(a));
  let first = 0;
  while (first < a.length && first < b.length && a[first] === b[first]) first++;
  const half = Math.max(1, Math.floor(maxLines / 2));
  const shown = [...removed.slice(0, half).map((l) => `- ${l}`), ...added.slice(0, half).map((l) => `+ ${l}`)];
  const more = removed.length + added.length - shown.length;
  return [
    `${removed.length} line(s) removed, ${added.length} line(s) added; first difference at line ${first + 1}:`,
    ...shown.map((l) => `  ${l}`),
    ...(more > 0 ? [`  … and ${more} more`] : []),
  ].join("\n");
}
