/**
 * The suite's small YAML data files (suite.yaml, response-schemas.yaml, prerequisites.yaml),
 * parsed through a table that the build writes (dist/conformance/yaml-data.json: sha256 of a text → its
 * value as JSON text), so that a run from the build never loads the yaml package (~30 ms of a cold start).
 * A text the table does not hold (edited since the build, a user's file) is parsed as ever, with the same
 * errors; the table holds only values that JSON represents exactly.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { join } from "node:path";
import { ROOT } from "../util/paths.js";
import { packageVersionOf, yaml } from "../util/lazy-packages.js";

export const yamlDataPath = join(ROOT, "dist", "conformance", "yaml-data.json");

interface Table {
  /** The yaml package that parsed the texts: another version makes the table stale. */
  yaml: string;
  values: Record<string, string>;
}

let table: Table | undefined;
let recording: Map<string, string> | undefined;
let parsedHere = 0;

/** How many texts this process parsed with the yaml package (not in the build's table): the benchmark's freshness check. */
export const runtimeParsedYaml = () => parsedHere;

function readTable(): Table {
  try {
    const read = JSON.parse(readFileSync(yamlDataPath, "utf8")) as Table;
    if (read.yaml === packageVersionOf("yaml") && typeof read.values === "object" && read.values !== null) return read;
  } catch {
    // Missing or unreadable: parse everything.
  }
  return { yaml: "", values: {} };
}

const keyOf = (text: string) => createHash("sha256").update(text).digest("hex");

/** `parse(text)` of the yaml package, from the build's table when it holds the text. */
export function parseYaml(text: string): unknown {
  table ??= readTable();
  const key = keyOf(text);
  const json = Object.prototype.hasOwnProperty.call(table.values, key) ? table.values[key] : undefined;
  if (json !== undefined) return JSON.parse(json);
  parsedHere++;
  const value = yaml().parse(text) as unknown;
  if (recording && value !== undefined && isDeepStrictEqual(JSON.parse(JSON.stringify(value)), value)) recording.set(key, JSON.stringify(value));
  return value;
}

/** Build step: runs `load` (which parses data files through parseYaml) and returns the table of what it parsed. */
export function recordYamlData(load: () => void): string {
  const saved = table;
  table = { yaml: "", values: {} };
  recording = new Map();
  try {
    load();
    return JSON.stringify({ yaml: packageVersionOf("yaml"), values: Object.fromEntries([...recording].sort()) } satisfies Table);
  } finally {
    recording = undefined;
    table = saved;
  }
}
