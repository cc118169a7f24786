/**
 * Loads case files: YAML → schema check (conformance/case.schema.json) → semantic checks (unique ids,
 * known clauses, checks and schemas, variables defined before use, valid paths and regexes) → Case[].
 * Every problem is reported with file and line; all problems of a load are reported at once.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Document, LineCounter } from "yaml";
import { EXIT, LisError } from "../util/errors.js";
import { ROOT, conformanceDir } from "../util/paths.js";
import type { Case, Expectations, Step, RequestTemplate } from "./model.js";
import type { CheckDefinition } from "./checks/types.js";
import { ASSERTION_KEYS } from "./assertions.js";
import { parsePath } from "./jsonpath.js";
import { LIST, referencedNames } from "./template.js";
import { Ajv2020, yaml } from "../util/lazy-packages.js";

export const caseSchemaPath = join(ROOT, "conformance", "case.schema.json");

/** What a load checks references against; each is optional so that tests can load cases in isolation. */
export interface LoadContext {
  clauseIds?: Set<string>;
  /** Clauses of the spec that bind other products than servers (class by id): no case can judge them. */
  otherClauses?: ReadonlyMap<string, string>;
  checks?: Map<string, CheckDefinition>;
  schemaNames?: Set<string>;
  /**
   * Case ids that a later version revises (versions.ts, revisedCases): a second case with such an id, in a
   * later file, replaces the first instead of being a duplicate; the listing is named when none does.
   */
  revises?: ReadonlyMap<string, { file: string; line: number }>;
}

export interface CaseFileProblem {
  file: string;
  line: number;
  message: string;
}

export class CaseFileError extends LisError {
  constructor(readonly problems: CaseFileProblem[]) {
    const shown = problems.slice(0, 25).map((p) => `  ${p.file}:${p.line}: ${p.message}`);
    if (problems.length > 25) shown.push(`  … and ${problems.length - 25} more`);
    super(`${problems.length} problem${problems.length === 1 ? "" : "s"} in case files:\n${shown.join("\n")}`, EXIT.USAGE);
  }
}

type AjvValidate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }[] | null };
let caseValidator: AjvValidate | undefined;
const argValidators = new Map<string, AjvValidate>();
// The case schema and the checks' argument schemas ship with the tool: they are checked against the JSON
// Schema meta-schema once, in the tests (load.test.ts), not in every run (compiling the meta-schema took
// a third of the schema work of a cold run).
let ajvInstance: InstanceType<ReturnType<typeof Ajv2020>> | undefined;
const ajv = () => (ajvInstance ??= new (Ajv2020())({ allErrors: true, strict: false, validateSchema: false }));
/** The arguments of a check that takes none. */
export const NO_ARGS = { type: "object", maxProperties: 0 } as const;

function validateCaseFile(doc: unknown): AjvValidate["errors"] {
  caseValidator ??= ajv().compile(JSON.parse(readFileSync(caseSchemaPath, "utf8"))) as AjvValidate;
  return caseValidator(doc) ? null : caseValidator.errors;
}

const BUILTIN_VARIABLES = new Set(["model", "embeddingModel"]);

/** The case files of a version (or of a folder), sorted so that runs are reproducible. */
export function caseFiles(dirOrFile: string): string[] {
  if (statSync(dirOrFile, { throwIfNoEntry: false })?.isFile()) return [dirOrFile];
  const dir = dirOrFile;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new LisError(`no case folder at ${dir}`, EXIT.USAGE);
  }
  return names.filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => join(dir, n));
}

export const defaultCasesDir = (version: string) => join(conformanceDir(version), "cases");

/** Loads and checks every case of the given files; throws CaseFileError listing all problems. */
export function loadCases(files: string[], context: LoadContext = {}): Case[] {
  const problems: CaseFileProblem[] = [];
  const cases: Case[] = [];
  const seen = new Map<string, string>();
  const revised = new Set<string>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      problems.push({ file: displayPath(file), line: 0, message: `cannot read: ${(err as Error).message}` });
      continue;
    }
    for (const c of parseCaseFile(displayPath(file), text, context, problems)) {
      const where = `${c.source.file}:${c.source.line}`;
      const earlier = seen.get(c.id);
      // A listed revision replaces the case once, from a later file (files come base version first).
      if (earlier && context.revises?.has(c.id) && !revised.has(c.id) && !earlier.startsWith(`${c.source.file}:`)) {
        // A later version's revision of an inherited case takes the inherited case's place.
        cases[cases.findIndex((x) => x.id === c.id)] = c;
        revised.add(c.id);
      } else if (earlier) problems.push({ ...c.source, message: `case id "${c.id}" is already used at ${earlier}; ids are unique across the suite` });
      else {
        seen.set(c.id, where);
        cases.push(c);
      }
    }
  }
  for (const [id, listed] of context.revises ?? []) {
    if (!revised.has(id)) problems.push({ file: displayPath(listed.file), line: listed.line, message: `revises case "${id}", but no case file after the one that defines it has a case with that id` });
  }
  if (problems.length > 0) throw new CaseFileError(problems);
  return cases;
}

/** A case file's path as problems and case sources show it: relative to the working folder when inside it. */
export const displayPath = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
};

/** Parses one file's text; problems are appended, the well-formed cases returned. Pure but for the schema file. */
export function parseCaseFile(file: string, text: string, context: LoadContext, problems: CaseFileProblem[]): Case[] {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.push({ file, line: lineCounter.linePos(e.pos[0]).line, message: `YAML: ${e.message.split("\n")[0]}` });
    return [];
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const lineOf = (path: (string | number)[]) => locate(doc, lineCounter, path);
  const schemaErrors = validateCaseFile(data);
  if (schemaErrors) {
    for (const e of pickErrors(schemaErrors)) {
      const path = e.instancePath.split("/").slice(1).map(unescapePointer);
      // An unknown key is reported at the key itself, not at the mapping that holds it.
      const key = e.keyword === "additionalProperties" ? String(e.params.additionalProperty) : undefined;
      const line = key !== undefined ? locateKey(doc, lineCounter, path, key) : lineOf(path);
      problems.push({ file, line, message: `${dotted(path) || "(file)"}: ${explain(e)}` });
    }
    return [];
  }
  const raw = (data as { cases: Record<string, unknown>[] }).cases;
  const cases: Case[] = [];
  raw.forEach((rc, index) => {
    const at = (...rest: (string | number)[]) => ({ file, line: lineOf(["cases", index, ...rest]) });
    const c = normalise(rc, { file, line: lineOf(["cases", index]) });
    const before = problems.length;
    checkCase(c, rc, context, (where, message) => problems.push({ ...at(...where), message: `case ${c.id}: ${message}` }));
    if (problems.length === before) cases.push(c);
  });
  return cases;
}

function normalise(rc: Record<string, unknown>, source: { file: string; line: number }): Case {
  const steps: Step[] = rc.steps
    ? (rc.steps as Step[]).map((s, i) => ({ ...s, name: s.name ?? `step${i + 1}` }))
    : [{ name: "request", request: rc.request as RequestTemplate, expect: rc.expect as Expectations | undefined, capture: rc.capture as Record<string, string> | undefined }];
  return {
    id: rc.id as string,
    title: rc.title as string,
    description: rc.description as string | undefined,
    profile: rc.profile as string,
    clauses: rc.clauses as string[],
    requires: (rc.requires as string[] | undefined) ?? [],
    timeoutMs: rc.timeoutMs as number | undefined,
    ...(rc.establishes !== undefined ? { establishes: rc.establishes as string } : {}),
    steps,
    ...(steps.length > 1 ? { dependsOn: stepDependencies(steps) } : {}),
    source,
  };
}

/**
 * Per step, the earlier steps it reads: those whose captures its request, assertions or check arguments
 * use, those its `{ step: … }` operands name, and those a check argument named `step`, `…Step` or `…Steps` names.
 * and those its `after` names. A step whose expectations fail ends exactly these (runner.ts); the other
 * steps are still sent.
 */
export function stepDependencies(steps: Step[]): Record<string, string[]> {
  const capturedBy = new Map<string, string>();
  const names = new Set<string>();
  const out: Record<string, string[]> = {};
  for (const step of steps) {
    const reads = new Set<string>(step.after ?? []);
    const e = step.expect ?? {};
    const texts = [step.request, e.assert, e.checks?.map((c) => c.args)];
    for (const text of strings(texts)) {
      for (const name of referencedNames(text)) {
        const variable = LIST.exec(name)?.[1] ?? name;
        const by = capturedBy.get(variable);
        if (by) reads.add(by);
      }
    }
    for (const a of e.assert ?? []) for (const v of Object.values(a)) if (isOperandRef(v) && v.step !== undefined && names.has(v.step)) reads.add(v.step);
    for (const call of e.checks ?? []) {
      for (const [key, v] of Object.entries(call.args ?? {})) {
        if (/(^s|S)teps?$/.test(key)) for (const name of [v].flat()) if (typeof name === "string" && names.has(name)) reads.add(name);
        if (isOperandRef(v) && v.step !== undefined && names.has(v.step)) reads.add(v.step);
      }
    }
    out[step.name] = [...reads];
    for (const name of Object.keys(step.capture ?? {})) capturedBy.set(name, step.name);
    names.add(step.name);
  }
  return out;
}

type Report = (where: (string | number)[], message: string) => void;

/** The semantic checks that a JSON Schema cannot express. */
function checkCase(c: Case, rc: Record<string, unknown>, context: LoadContext, report: Report): void {
  const multi = Array.isArray(rc.steps);
  const stepWhere = (i: number, ...rest: (string | number)[]) => (multi ? ["steps", i, ...rest] : rest);
  const clause = (id: string, where: (string | number)[]) => {
    const other = context.otherClauses?.get(id);
    if (other) report(where, `${id} binds a ${other}, not a server (its heading names the class ${other}): no case can judge it on the wire`);
    else if (context.clauseIds && !context.clauseIds.has(id)) report(where, `unknown clause ${id} (not in the spec; see \`lis clauses\`)`);
  };
  const clauseRef = (ref: unknown, where: (string | number)[]) => {
    for (const id of ref === undefined ? [] : Array.isArray(ref) ? ref : [ref]) clause(String(id), where);
  };
  c.clauses.forEach((id, i) => clause(id, ["clauses", i]));
  if (c.clauses.length === 0 && !c.establishes) report(["clauses"], "a case judges at least one clause (only a probe, a case that `establishes` a fact, may judge none)");

  const defined = new Set(BUILTIN_VARIABLES);
  const stepNames = new Set<string>();
  c.steps.forEach((step, si) => {
    const w = (...rest: (string | number)[]) => stepWhere(si, ...rest);
    if (stepNames.has(step.name)) report(w("name"), `step name "${step.name}" is used twice`);
    step.after?.forEach((name, i) => {
      if (!stepNames.has(name)) report(w("after", i), `no earlier step named "${name}"`);
    });
    step.clauses?.forEach((id, i) => clause(id, w("clauses", i)));

    // Variables: defined before use; secrets only in headers.
    const useVars = (value: unknown, where: (string | number)[], secretsAllowed: boolean) => {
      for (const text of strings(value)) {
        for (const name of referencedNames(text)) {
          if (name.startsWith("secret:")) {
            if (!secretsAllowed) report(where, `\${${name}} is allowed only in request headers (secrets never go into bodies, paths or assertions)`);
            else if (name !== "secret:apiKey") report(where, `unknown secret \${${name}}; the one secret is \${secret:apiKey}`);
          } else if (/^repeat:/.test(name)) {
            if (!/^repeat:\d+:/.test(name)) report(where, `\${${name}}: write \${repeat:<count>:<text>}`);
          } else if (/^list:/.test(name)) {
            const count = LIST.exec(name)?.[1];
            if (count === undefined) report(where, `\${${name}}: write \${list:<count>:<text>}, the count a number or a variable`);
            else if (!/^\d+$/.test(count) && !defined.has(count)) report(where, `\${${name}}: the count ${count} is not defined here (variables: captures of earlier steps)`);
            else if (text !== `\${${name}}`) report(where, `\${${name}} makes an array: it must be the whole string, e.g. input: "\${list:n:text}"`);
          } else if (!defined.has(name)) {
            report(where, `\${${name}} is not defined here (variables: model, embeddingModel, and captures of earlier steps)`);
          }
        }
      }
    };
    const r = step.request;
    useVars(r.path, w("request", "path"), false);
    useVars(r.body, w("request", "body"), false);
    useVars(r.rawBody, w("request", "rawBody"), false);
    useVars(r.headers, w("request", "headers"), true);
    if (r.rawBodyBase64 !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(r.rawBodyBase64)) report(w("request", "rawBodyBase64"), "not valid base64");

    const e = step.expect ?? {};
    const path = (p: string, where: (string | number)[]) => {
      try {
        parsePath(p);
      } catch (err) {
        report(where, `bad JSON path: ${(err as Error).message}`);
      }
    };
    const regex = (source: string, where: (string | number)[]) => {
      try {
        new RegExp(source);
      } catch (err) {
        report(where, `bad regular expression: ${(err as Error).message}`);
      }
    };
    const schemaName = (name: string, where: (string | number)[]) => {
      if (context.schemaNames && !context.schemaNames.has(name)) report(where, `unknown schema "${name}" (see \`lis validate --list\`)`);
    };
    if (typeof e.status === "object" && !Array.isArray(e.status)) clauseRef(e.status.clause, w("expect", "status", "clause"));
    for (const [name, v] of Object.entries(e.headers ?? {})) if (typeof v === "string") regex(v, w("expect", "headers", name));
    if (e.schema !== undefined) {
      const s = typeof e.schema === "string" ? { name: e.schema } : e.schema;
      schemaName(s.name, w("expect", "schema"));
      clauseRef((s as { clause?: unknown }).clause, w("expect", "schema"));
    }
    (e.assert ?? []).forEach((a, ai) => {
      const aw = (...rest: (string | number)[]) => w("expect", "assert", ai, ...rest);
      if (a.path !== undefined) path(a.path, aw("path"));
      clauseRef(a.clause, aw("clause"));
      const ops = Object.keys(a).filter((k) => !ASSERTION_KEYS.has(k));
      if (ops.length === 0) report(aw(), "an assertion needs at least one operator (equals, in, type, matches, exists, …)");
      for (const op of ["matches", "notMatches"]) if (typeof a[op] === "string") regex(a[op] as string, aw(op));
      for (const op of ops) {
        const operand = a[op];
        useVars(operand, aw(op), false);
        if (isOperandRef(operand)) {
          path(operand.path, aw(op, "path"));
          if (operand.step !== undefined && !stepNames.has(operand.step)) report(aw(op, "step"), `no earlier step named "${operand.step}"`);
        }
      }
    });
    (e.checks ?? []).forEach((call, ci) => {
      const cw = (...rest: (string | number)[]) => w("expect", "checks", ci, ...rest);
      clauseRef(call.clause, cw("clause"));
      useVars(call.args, cw("args"), false);
      const def = context.checks?.get(call.name);
      if (context.checks && !def) {
        report(cw("name"), `unknown check "${call.name}" (known: ${[...context.checks.keys()].sort().join(", ")})`);
        return;
      }
      if (def) {
        const problem = checkArgs(def, call.args ?? {});
        if (problem) report(cw("args"), `check ${call.name}: ${problem}`);
        // A comparison of two responses is valid only where the server reproduces its output: it names the
        // fact it rests on, unless this case is the one that establishes such a fact.
        const readsStep = Object.keys(call.args ?? {}).some((k) => /(^s|S)teps?$/.test(k));
        if (def.comparative && readsStep && call.assumes === undefined && !c.establishes) report(cw(), `check ${call.name} compares two responses: say which run fact it assumes (assumes: reproducible-…), see conformance/README.md#comparisons`);
      }
    });
    if (e.stream) {
      const s = e.stream;
      clauseRef(s.clause, w("expect", "stream", "clause"));
      for (const rule of ["contentType", "sameIdAcrossChunks", "oneFinishPerChoice", "terminator", "eventSchema"] as const) {
        const v = s[rule];
        if (typeof v === "object" && v !== null) clauseRef((v as { clause?: unknown }).clause, w("expect", "stream", rule));
      }
      if (s.eventSchema !== undefined) schemaName(typeof s.eventSchema === "string" ? s.eventSchema : s.eventSchema.name, w("expect", "stream", "eventSchema"));
    }
    for (const [name, p] of Object.entries(step.capture ?? {})) {
      path(p, (multi ? ["steps", si, "capture", name] : ["capture", name]));
      defined.add(name);
    }
    stepNames.add(step.name);
  });
}

export function isOperandRef(v: unknown): v is { path: string; step?: string } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { path?: unknown }).path === "string" &&
    Object.keys(v).every((k) => k === "path" || k === "step");
}

function checkArgs(def: CheckDefinition, args: Record<string, unknown>): string | undefined {
  const schema = def.args ?? NO_ARGS;
  // Keyed by the schema's text: the many checks without arguments share one compiled validator.
  const key = def.args ? JSON.stringify(def.args) : "";
  let validate = argValidators.get(key);
  if (!validate) {
    validate = ajv().compile(schema) as AjvValidate;
    argValidators.set(key, validate);
  }
  if (validate(args)) return undefined;
  return (validate.errors ?? []).map((e) => `${e.instancePath || "args"} ${explain(e)}`).join("; ");
}

function* strings(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (Array.isArray(value)) for (const v of value) yield* strings(v);
  else if (typeof value === "object" && value !== null) for (const v of Object.values(value)) yield* strings(v);
}

// ---- error locations and messages ----

function locate(doc: Document, lc: LineCounter, path: (string | number)[]): number {
  const { isNode } = yaml();
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return 1;
}

function locateKey(doc: Document, lc: LineCounter, mapPath: (string | number)[], key: string): number {
  const { isMap, isNode, isScalar } = yaml();
  const map = mapPath.length === 0 ? doc.contents : doc.getIn(mapPath, true);
  if (isMap(map)) {
    const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (pair && isNode(pair.key) && pair.key.range) return lc.linePos(pair.key.range[0]).line;
  }
  return locate(doc, lc, mapPath);
}

const unescapePointer = (s: string): string | number => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, "/").replace(/~0/g, "~"));
const dotted = (path: (string | number)[]) => path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("").replace(/^\./, "");

type AjvError = NonNullable<AjvValidate["errors"]>[number];

/** Ajv reports every branch of a oneOf; the deepest errors are the ones a person can act on. */
function pickErrors(errors: NonNullable<AjvValidate["errors"]>): AjvError[] {
  const depth = (e: AjvError) => e.instancePath.split("/").length;
  const specific = errors.filter((e) => !["oneOf", "anyOf", "not", "false schema"].includes(e.keyword));
  const pool = specific.length > 0 ? specific : errors;
  const max = Math.max(...pool.map(depth));
  const seen = new Set<string>();
  return pool.filter((e) => depth(e) === max).filter((e) => {
    const key = `${e.instancePath} ${explain(e)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).slice(0, 5);
}

function explain(e: AjvError): string {
  if (e.keyword === "additionalProperties") return `unknown key "${String(e.params.additionalProperty)}"`;
  if (e.keyword === "false schema") return "not allowed here";
  if (e.keyword === "required") return `missing key "${String(e.params.missingProperty)}"`;
  if (e.keyword === "enum") return `${e.message}: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  return e.message ?? e.keyword;
}
