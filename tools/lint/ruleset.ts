import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Ruleset, type RulesetDefinition } from "@stoplight/spectral-core";
import * as builtinFunctions from "@stoplight/spectral-functions";
import * as builtinFormats from "@stoplight/spectral-formats";
import { oas } from "@stoplight/spectral-rulesets";
import { parse as parseYaml } from "yaml";
import { ROOT } from "../util/paths.js";
import { LisError, EXIT } from "../util/errors.js";
import { readBoundedFile } from "./document.js";
import { optionalPackage } from "../util/lazy-packages.js";

/** The published LIS ruleset: what `lis lint` uses by default and what Spectral users `extends:`. */
export const LIS_RULESET_PATH = join(ROOT, "rulesets", "lis.yaml");

type RuleFunction = (...args: never[]) => unknown;
type RawRule = { then?: RawThen | RawThen[]; [key: string]: unknown } | string | boolean;
type RawThen = { function?: string | RuleFunction; [key: string]: unknown };

const SUPPORTED_KEYS = new Set(["extends", "functionsDir", "functions", "rules", "documentationUrl", "description"]);

/**
 * Loads the published LIS ruleset directly: the YAML is data, its functions are plain ES modules. This is the same
 * file a stock Spectral CLI bundles (a test checks both give the same findings), without the bundler's cost.
 */
export async function loadLisRuleset(path = LIS_RULESET_PATH): Promise<Ruleset> {
  const raw = parseYaml(readFileSync(path, "utf8")) as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!SUPPORTED_KEYS.has(key)) throw new Error(`${path}: the built-in loader does not handle "${key}"`);
  }
  const functionsDir = resolve(dirname(path), String(raw.functionsDir ?? "functions"));
  const custom: Record<string, RuleFunction> = {};
  for (const name of (raw.functions as string[] | undefined) ?? []) {
    const module = (await import(pathToFileURL(join(functionsDir, `${name}.js`)).href)) as { default: RuleFunction };
    custom[name] = module.default;
  }
  const lookup = (name: string): RuleFunction => {
    const fn = custom[name] ?? (builtinFunctions as unknown as Record<string, RuleFunction>)[name];
    if (fn === undefined) throw new Error(`${path}: unknown function "${name}"`);
    return fn;
  };
  const rules: Record<string, RawRule> = {};
  for (const [name, rule] of Object.entries((raw.rules as Record<string, RawRule>) ?? {})) {
    if (typeof rule !== "object" || rule.then === undefined) {
      rules[name] = rule;
      continue;
    }
    const formats = Array.isArray(rule.formats) ? { formats: rule.formats.map((f: string) => lookupFormat(path, f)) } : {};
    const thens = (Array.isArray(rule.then) ? rule.then : [rule.then]).map((then) => ({
      ...then,
      function: typeof then.function === "string" ? lookup(then.function) : then.function,
    }));
    rules[name] = { ...rule, ...formats, then: Array.isArray(rule.then) ? thens : thens[0] };
  }
  const extendsList = ((raw.extends as unknown[]) ?? []).map((entry) => {
    const [name, severity] = Array.isArray(entry) ? entry : [entry, "recommended"];
    if (name !== "spectral:oas") throw new Error(`${path}: the built-in loader extends only spectral:oas, not ${name}`);
    return [oas, severity];
  });
  const definition = { extends: extendsList, rules, ...(raw.documentationUrl ? { documentationUrl: raw.documentationUrl } : {}) };
  return new Ruleset(definition as unknown as RulesetDefinition, { severity: "recommended", source: path });
}

/**
 * Loads a user's ruleset (YAML, JSON or JS, with `extends:` of spectral:oas or of rulesets/lis.yaml) the way the
 * stock Spectral CLI does, with its bundler. Remote `extends:` are refused: nothing is fetched.
 */
export async function loadUserRuleset(path: string): Promise<Ruleset> {
  const absolute = resolve(path);
  readBoundedFile(absolute, "ruleset"); // clear errors for a missing or oversized file before the bundler's own
  // Only --ruleset needs Spectral's bundler (and Rollup with it): an optional dependency of the package.
  const { bundleAndLoadRuleset } = await optionalPackage<{ bundleAndLoadRuleset(file: string, io: { fs: unknown; fetch: unknown }): Promise<Ruleset> }>(
    "@stoplight/spectral-ruleset-bundler",
    "@stoplight/spectral-ruleset-bundler/with-loader",
    "lis lint --ruleset",
  );
  const fs = await import("node:fs");
  const fetch = async (url: string) => {
    throw new Error(`remote ruleset ${url} not fetched: lis lint reads rulesets from local files only`);
  };
  try {
    return await bundleAndLoadRuleset(absolute, { fs, fetch });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new LisError(`cannot load ruleset ${path}: ${message.split("\n")[0]}`, EXIT.USAGE);
  }
}

/** A format named in YAML (`oas3`, `oas3.1`, as the Spectral ruleset migrator spells them) as Spectral's function. */
function lookupFormat(path: string, name: string): unknown {
  const fn = (builtinFormats as unknown as Record<string, unknown>)[name.replace(/\./g, "_")];
  if (typeof fn !== "function") throw new Error(`${path}: unknown format "${name}"`);
  return fn;
}
