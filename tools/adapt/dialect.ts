/**
 * Dialects are data (tools/adapt/dialects/<name>.yaml): what one kind of server is known to do and how the
 * proxy repairs it, as a list of rules that each name the clause they make true and a repair keyword of
 * tools/adapt/rules. This module reads and checks a dialect file (its schema, the keywords and their
 * arguments) and resolves `extends`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { EXIT, LisError } from "../util/errors.js";
import { ROOT } from "../util/paths.js";
import { readBoundedFile } from "../util/read-bounded.js";
import { Ajv2020, yaml } from "../util/lazy-packages.js";
import { ruleRegistry } from "./rules/index.js";
import type { RepairRule } from "./rule.js";

export interface DialectRule {
  clause: string;
  also?: string[];
  repair: string;
  known?: string;
  with?: unknown;
}

export interface DialectSource {
  kind: "measured" | "documented" | "generic";
  server?: string;
  date?: string;
  how?: string;
  references?: string[];
}

export interface Dialect {
  name: string;
  title: string;
  source: DialectSource;
  profiles: string[];
  detect?: { headers?: Record<string, string>; ownedBy?: string };
  /** Embeddings come from a process of their own: the profile needs --embeddings-upstream. */
  embeddingsApart?: boolean;
  /** Limits to state in the discovery document, each read from the upstream (a GET path, a JSON Pointer). */
  limits: Record<string, { get: string; pointer: string }>;
  /** Inherited rules first, without the disabled ones. */
  rules: DialectRule[];
  /** The file it was read from. */
  file: string;
}

/** A rule with its keyword's definition, ready for the engine. */
export interface BoundRule {
  rule: DialectRule;
  def: RepairRule;
  args: Record<string, unknown>;
}

/** The shipped dialects and their schema (data, read from the package root, like the spec). */
export const DIALECT_DIR = join(ROOT, "tools", "adapt", "dialects");
const SCHEMA_FILE = join(ROOT, "tools", "adapt", "dialect.schema.json");

/** The names of the shipped dialects. */
export function dialectNames(): string[] {
  return readdirSync(DIALECT_DIR).filter((f) => f.endsWith(".yaml")).map((f) => basename(f, ".yaml")).sort();
}

type Ajv = InstanceType<ReturnType<typeof Ajv2020>>;
let ajv: Ajv | undefined;
const validator = () => (ajv ??= new (Ajv2020())({ allErrors: true, strict: false }));
let compiled: ReturnType<Ajv["compile"]> | undefined;
const dialectCheck = () => (compiled ??= validator().compile(JSON.parse(readFileSync(SCHEMA_FILE, "utf8"))));
/** Each keyword's argument schema, compiled once. */
const argChecks = new Map<string, ReturnType<Ajv["compile"]>>();

/** A shipped dialect by name, or a dialect file by path; extends resolved. Throws LisError (exit 2) on any problem. */
export function loadDialect(nameOrPath: string, seen: string[] = []): Dialect {
  const isPath = nameOrPath.includes("/") || nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml");
  const file = isPath ? nameOrPath : join(DIALECT_DIR, `${nameOrPath}.yaml`);
  if (!isPath && !existsSync(file)) throw new LisError(`unknown dialect '${nameOrPath}'; known: ${dialectNames().join(", ")}, auto (or a path to a dialect file)`, EXIT.USAGE);
  if (seen.includes(file)) throw new LisError(`dialect ${file}: extends itself (${[...seen, file].join(" -> ")})`, EXIT.USAGE);
  const text = readBoundedFile(file, { what: "dialect file", maxBytes: 1 << 20, tool: "lis adapt" });
  let doc: unknown;
  try {
    doc = yaml().parse(text);
  } catch (err) {
    throw new LisError(`dialect ${file}: not valid YAML: ${(err as Error).message}`, EXIT.USAGE);
  }
  const check = dialectCheck();
  if (!check(doc)) {
    const e = check.errors![0];
    throw new LisError(`dialect ${file}: ${e.instancePath || "(top level)"} ${e.message}`, EXIT.USAGE);
  }
  const own = doc as Omit<Dialect, "file" | "profiles" | "limits"> & { profiles?: string[]; limits?: Dialect["limits"]; extends?: string; disable?: string[] };
  own.rules.forEach((r, i) => bind(r, `${file}: rules[${i}]`));
  const parent = own.extends ? loadDialect(own.extends, [...seen, file]) : undefined;
  const disabled = new Set(own.disable ?? []);
  return {
    name: own.name,
    title: own.title,
    source: own.source,
    profiles: own.profiles ?? parent?.profiles ?? ["core"],
    detect: own.detect,
    embeddingsApart: own.embeddingsApart ?? parent?.embeddingsApart,
    limits: { ...(parent?.limits ?? {}), ...(own.limits ?? {}) },
    rules: inherit((parent?.rules ?? []).filter((r) => !disabled.has(r.repair)), own.rules),
    file,
  };
}

/**
 * The extended dialect's rules, then the dialect's own. A rule that repeats an inherited one (same keyword,
 * same arguments) is not applied twice: it adds what this server is known to do, and its clauses, to the
 * inherited rule, in the inherited rule's place.
 */
function inherit(inherited: DialectRule[], own: DialectRule[]): DialectRule[] {
  const rules = [...inherited];
  for (const r of own) {
    const i = rules.findIndex((p) => p.repair === r.repair && JSON.stringify(p.with ?? {}) === JSON.stringify(r.with ?? {}));
    if (i === -1) {
      rules.push(r);
      continue;
    }
    const p = rules[i];
    const also = [...new Set([...(p.also ?? []), r.clause, ...(r.also ?? [])])].filter((c) => c !== p.clause);
    rules[i] = { ...p, also, known: r.known ?? p.known };
  }
  return rules;
}

/** A rule with its keyword's definition and checked arguments. */
export function bind(rule: DialectRule, where: string): BoundRule {
  const def = ruleRegistry.get(rule.repair);
  if (!def) throw new LisError(`${where}: unknown repair '${rule.repair}'; known: ${[...ruleRegistry.keys()].join(", ")}`, EXIT.USAGE);
  const args = (rule.with ?? {}) as Record<string, unknown>;
  if (def.args) {
    let check = argChecks.get(def.keyword);
    if (!check) argChecks.set(def.keyword, (check = validator().compile(def.args)));
    if (!check(args)) throw new LisError(`${where}: 'with' of ${rule.repair}: ${check.errors![0].instancePath || "(arguments)"} ${check.errors![0].message}`, EXIT.USAGE);
  } else if (rule.with !== undefined) throw new LisError(`${where}: ${rule.repair} takes no arguments ('with')`, EXIT.USAGE);
  return { rule, def, args };
}
