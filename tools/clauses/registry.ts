/**
 * The clause registry: every requirement of a spec version, extracted from the spec Markdown
 * (`spec/<version>/*.md`). The spec is the only list of clauses; this module reads it and refuses a spec
 * whose clause syntax is broken, naming file and line, so that a typo never silently drops a requirement.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { LisError, EXIT } from "../util/errors.js";
import { ROOT, specDir, DEFAULT_SPEC_VERSION } from "../util/paths.js";

export type ClauseLevel = "MUST" | "SHOULD" | "MAY";

export interface Clause {
  /** `AREA-NNN`, e.g. `STREAM-004`; permanent. */
  id: string;
  /** For a withdrawn clause: "MAY", the level that can never fail a profile. */
  level: ClauseLevel;
  /** For a withdrawn clause: the default profile of its area. */
  profile: string;
  /** The area prefix, e.g. `STREAM`. */
  area: string;
  /** The normative text (paragraphs up to the first labelled paragraph); for a withdrawn clause, why. */
  text: string;
  rationale?: string;
  /** False when the clause says `Testing: not-testable — <reason>`. */
  testable: boolean;
  notTestableReason?: string;
  /** False when the clause says `Fault: not-observable — <reason>`. */
  observable: boolean;
  notObservableReason?: string;
  withdrawn: boolean;
  /** The spec version that added the clause: its `Added-in: MAJOR.MINOR` label, "1.0" without one (VER-016). */
  addedIn: string;
  /** Path of the spec file relative to the package root (or as given to `parseClauses`). */
  file: string;
  /** 1-based line of the clause heading. */
  line: number;
}

/** The conformance classes of the standard (DESIGN.md, "Profiles"). */
export const PROFILES = [
  "core",
  "streaming",
  "tools",
  "structured-output",
  "embeddings",
  "classification",
  "model-metadata",
  "multimodal",
  "discovery",
  "fine-tuning",
  "reasoning",
  "performance",
] as const;

/** Area prefix → the spec document that holds its clauses and the profile a withdrawn clause falls back to. */
export const AREAS: Record<string, { file: string; profile: string }> = {
  CONV: { file: "conventions.md", profile: "core" },
  HTTP: { file: "http.md", profile: "core" },
  ERR: { file: "errors.md", profile: "core" },
  MODEL: { file: "models.md", profile: "core" },
  CHAT: { file: "chat.md", profile: "core" },
  STREAM: { file: "streaming.md", profile: "streaming" },
  TOOL: { file: "tools.md", profile: "tools" },
  STRUCT: { file: "structured-output.md", profile: "structured-output" },
  EMB: { file: "embeddings.md", profile: "embeddings" },
  CLS: { file: "classification.md", profile: "classification" },
  META: { file: "model-metadata.md", profile: "model-metadata" },
  MM: { file: "multimodal.md", profile: "multimodal" },
  DISC: { file: "discovery.md", profile: "discovery" },
  FT: { file: "fine-tuning.md", profile: "fine-tuning" },
  EVAL: { file: "evaluation.md", profile: "core" },
  VER: { file: "versioning.md", profile: "core" },
  REASON: { file: "reasoning.md", profile: "reasoning" },
  PERF: { file: "performance.md", profile: "performance" },
};

const AREA_ORDER = Object.keys(AREAS);
const areaOfFile = new Map(Object.entries(AREAS).map(([prefix, a]) => [a.file, prefix]));

const HEADING = /^### ([A-Z]+-\d{3}) \((MUST|SHOULD|MAY), ([a-z][a-z-]*)\)$/;
const WITHDRAWN = /^### ([A-Z]+-\d{3}) \(withdrawn\)$/;
/**
 * A heading that was meant to be a clause: any level, a known area prefix in any case followed by `-digit`,
 * or any `ABC-12` followed by "(" or nothing (but not prose such as "### UTF-8 encoding").
 */
const LOOKS_LIKE_CLAUSE = new RegExp(
  `^#{1,6}\\s*(?:(?:${Object.keys(AREAS).join("|")})-\\d|[A-Za-z]+-\\d+\\s*(?:\\(|:|$))`,
  "i",
);
const ANY_HEADING = /^#{1,6}(\s|$)/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const LABEL = /^(Rationale|Added-in|Testing|Fault):/;
const ADDED_IN = /^Added-in:\s*((?:0|[1-9]\d*)\.(?:0|[1-9]\d*))$/;
/** Clauses without an `Added-in:` label belong to the first version of the standard. */
export const FIRST_VERSION = "1.0";
const NOT_TESTABLE = /^Testing:\s*not-testable\s*(?:—|–|--|-|:)\s*(\S[\s\S]*)$/;
const NOT_OBSERVABLE = /^Fault:\s*not-observable\s*(?:—|–|--|-|:)\s*(\S[\s\S]*)$/;

/** BCP 14 keywords that carry each level (conventions.md, "Requirement keywords"). */
const LEVEL_KEYWORDS: Record<ClauseLevel, RegExp> = {
  MUST: /\b(MUST|REQUIRED|SHALL)\b/,
  SHOULD: /\b(SHOULD|RECOMMENDED)\b/,
  MAY: /\b(MAY|OPTIONAL)\b/,
};

export interface ClauseProblem {
  file: string;
  line: number;
  message: string;
}

const EXPECTED_FORM = "expected `### AREA-NNN (MUST|SHOULD|MAY, profile)` or `### AREA-NNN (withdrawn)`";

/**
 * Pure core: finds every clause of one Markdown document and every problem with its clause syntax.
 * Headings inside fenced code blocks are examples, not clauses.
 */
export function scanClauses(markdown: string, file: string): { clauses: Clause[]; problems: ClauseProblem[] } {
  const lines = markdown.split(/\r\n|\r|\n/);
  const clauses: Clause[] = [];
  const problems: ClauseProblem[] = [];
  const problem = (line: number, message: string) => problems.push({ file, line, message });
  const expectedPrefix = areaOfFile.get(basename(file));

  // Headings outside code fences, with the index of their line.
  const headings: number[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = FENCE.exec(lines[i]);
    if (m) {
      if (fence === undefined) fence = m[1][0];
      else if (m[1][0] === fence) fence = undefined;
      continue;
    }
    if (fence === undefined && ANY_HEADING.test(lines[i])) headings.push(i);
  }

  const seen = new Map<string, number>();
  headings.forEach((start, h) => {
    const heading = lines[start].trimEnd();
    const lineNo = start + 1;
    const clause = HEADING.exec(heading);
    const withdrawn = WITHDRAWN.exec(heading);
    if (!clause && !withdrawn) {
      if (LOOKS_LIKE_CLAUSE.test(heading)) problem(lineNo, `malformed clause heading "${heading}": ${EXPECTED_FORM}`);
      return;
    }
    const id = (clause ?? withdrawn)![1];
    const prefix = id.slice(0, id.indexOf("-"));
    const before = seen.get(id);
    if (before !== undefined) problem(lineNo, `duplicate clause ID ${id} (first at ${file}:${before})`);
    else seen.set(id, lineNo);

    if (!(prefix in AREAS)) {
      problem(lineNo, `unknown area prefix ${prefix} in ${id}; known: ${AREA_ORDER.join(", ")}`);
    } else if (expectedPrefix === undefined) {
      problem(lineNo, `${id} is in ${basename(file)}, which is not an area document; ${prefix} clauses belong in ${AREAS[prefix].file}`);
    } else if (prefix !== expectedPrefix) {
      problem(lineNo, `${id} does not belong in ${basename(file)}: clauses there are ${expectedPrefix}-NNN`);
    }

    const end = h + 1 < headings.length ? headings[h + 1] : lines.length;
    const body = splitBody(lines.slice(start + 1, end));
    const text = body.text;
    if (text === "") problem(lineNo, `${id} has no text (the paragraph after the heading states the requirement)`);

    if (withdrawn) {
      clauses.push({
        id,
        level: "MAY",
        profile: AREAS[prefix]?.profile ?? "core",
        area: prefix,
        text,
        testable: false,
        notTestableReason: "withdrawn",
        observable: false,
        notObservableReason: "withdrawn",
        withdrawn: true,
        addedIn: FIRST_VERSION,
        file,
        line: lineNo,
      });
      return;
    }

    const level = clause![2] as ClauseLevel;
    const profile = clause![3];
    if (!(PROFILES as readonly string[]).includes(profile)) {
      problem(lineNo, `${id} has unknown profile "${profile}"; known: ${PROFILES.join(", ")}`);
    }
    if (text !== "" && !LEVEL_KEYWORDS[level].test(text)) {
      problem(lineNo, `${id} is a ${level} clause but its text has no ${level} keyword in capitals (BCP 14)`);
    }
    const result: Clause = { id, level, profile, area: prefix, text, testable: true, observable: true, withdrawn: false, addedIn: FIRST_VERSION, file, line: lineNo };
    if (body.rationale !== undefined) result.rationale = body.rationale;
    // A labelled line must be the one form it may take; its reason is required.
    const reasonOf = (label: Labelled | undefined, form: RegExp, expected: string): string | undefined => {
      if (label === undefined) return undefined;
      const m = form.exec(label.text);
      if (!m) problem(lineNo + 1 + label.offset, `${id}: expected "${expected}"`);
      return m?.[1];
    };
    const notTestable = reasonOf(body.testing, NOT_TESTABLE, "Testing: not-testable — <reason>");
    const notObservable = reasonOf(body.fault, NOT_OBSERVABLE, "Fault: not-observable — <reason>");
    const addedIn = reasonOf(body.addedIn, ADDED_IN, "Added-in: MAJOR.MINOR");
    if (addedIn !== undefined) result.addedIn = addedIn;
    if (notTestable !== undefined) Object.assign(result, { testable: false, notTestableReason: notTestable });
    if (notObservable !== undefined) Object.assign(result, { observable: false, notObservableReason: notObservable });
    clauses.push(result);
  });
  return { clauses, problems };
}

interface Labelled {
  text: string;
  /** Index of the label's line in the body. */
  offset: number;
}

/**
 * Splits a clause body into its text and labelled paragraphs. `Rationale:` runs up to the next label;
 * `Added-in:`, `Testing:` and `Fault:` are one paragraph each (they may wrap onto following lines).
 */
interface ClauseBody {
  text: string;
  rationale?: string;
  addedIn?: Labelled;
  testing?: Labelled;
  fault?: Labelled;
}

function splitBody(body: string[]): ClauseBody {
  const labelAt = body.findIndex((l) => LABEL.test(l));
  const text = joinParagraphs(labelAt === -1 ? body : body.slice(0, labelAt));
  const out: ClauseBody = { text };
  if (labelAt === -1) return out;
  for (let i = labelAt; i < body.length; ) {
    const label = LABEL.exec(body[i])?.[1];
    if (!label) {
      i++;
      continue;
    }
    let j = i + 1;
    if (label === "Rationale") while (j < body.length && !LABEL.test(body[j])) j++;
    else while (j < body.length && body[j].trim() !== "" && !LABEL.test(body[j])) j++;
    const paragraph = joinParagraphs(body.slice(i, j));
    if (label === "Rationale") out.rationale ??= paragraph.replace(/^Rationale:\s*/, "");
    else if (label === "Added-in") out.addedIn ??= { text: paragraph.replace(/\s+/g, " "), offset: i };
    else if (label === "Testing") out.testing ??= { text: paragraph.replace(/\s+/g, " "), offset: i };
    else out.fault ??= { text: paragraph.replace(/\s+/g, " "), offset: i };
    i = j;
  }
  return out;
}

/** Trims blank lines at both ends and collapses runs of blank lines to one. */
function joinParagraphs(lines: string[]): string {
  return lines
    .map((l) => l.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function formatProblems(problems: ClauseProblem[]): string {
  const shown = problems.slice(0, 50).map((p) => `  ${p.file}:${p.line}: ${p.message}`);
  if (problems.length > shown.length) shown.push(`  … and ${problems.length - shown.length} more`);
  return `${problems.length} problem${problems.length === 1 ? "" : "s"} in the clause syntax of the spec:\n${shown.join("\n")}`;
}

/** Parses one document; throws a LisError (exit 2) listing every problem with file:line. */
export function parseClauses(markdown: string, file: string): Clause[] {
  const { clauses, problems } = scanClauses(markdown, file);
  if (problems.length > 0) throw new LisError(formatProblems(problems), EXIT.USAGE);
  return clauses;
}

/** Spec versions present in the checkout (folders under spec/). */
export function specVersions(): string[] {
  const dir = join(ROOT, "spec");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((d) => statSync(join(dir, d)).isDirectory()).sort();
}

/** Area documents first, in the order of the area table, then any other Markdown file by name. */
function specFiles(dir: string): string[] {
  const rank = (f: string) => {
    const prefix = areaOfFile.get(f);
    return prefix === undefined ? AREA_ORDER.length : AREA_ORDER.indexOf(prefix);
  };
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * Every clause of a spec version, in document order (area documents in the order of the area table).
 * Throws a LisError (exit 2) naming file:line for a malformed heading, a duplicate ID (also across files),
 * an unknown profile, a misplaced ID, a clause without text or without its BCP 14 keyword.
 */
export function loadClauses(version: string = DEFAULT_SPEC_VERSION): Clause[] {
  const dir = specDir(version);
  if (!existsSync(dir)) {
    const known = specVersions();
    throw new LisError(`no spec for version ${version} (looked in ${dir}); known versions: ${known.join(", ") || "none"}`, EXIT.USAGE);
  }
  return loadClausesFromDir(dir);
}

/** The same as loadClauses, for the spec documents in any folder (tests, drafts). */
export function loadClausesFromDir(dir: string): Clause[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new LisError(`no spec folder ${dir}`, EXIT.USAGE);
  const clauses: Clause[] = [];
  const problems: ClauseProblem[] = [];
  const firstSeen = new Map<string, Clause>();
  for (const name of specFiles(dir)) {
    const file = relative(ROOT, join(dir, name));
    const scanned = scanClauses(readFileSync(join(dir, name), "utf8"), file);
    problems.push(...scanned.problems);
    for (const clause of scanned.clauses) {
      const first = firstSeen.get(clause.id);
      if (first && first.file !== clause.file) {
        problems.push({ file, line: clause.line, message: `duplicate clause ID ${clause.id} (first at ${first.file}:${first.line})` });
      } else if (!first) firstSeen.set(clause.id, clause);
      clauses.push(clause);
    }
  }
  if (problems.length > 0) throw new LisError(formatProblems(problems), EXIT.USAGE);
  return clauses;
}
