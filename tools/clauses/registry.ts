/**
 * The clause registry: every requirement of a spec version, extracted from the spec Markdown
 * (`spec/<version>/*.md`). The spec is the only list of clauses; this module reads it and refuses a spec
 * whose clause syntax is broken, naming file and line, so that a typo never silently drops a requirement.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { LisError, EXIT } from "../util/errors.js";
import { ROOT, specDir, DEFAULT_SPEC_VERSION } from "../util/paths.js";
import { headingLines } from "../util/markdown.js";

export type ClauseLevel = "MUST" | "SHOULD" | "MAY";

/**
 * The conformance classes: the kinds of product a clause binds (conventions.md, "Conformance classes").
 * A clause's heading names a profile (then it binds servers that claim the profile) or one of the other
 * classes; the names of classes and profiles never overlap.
 */
export const CONFORMANCE_CLASSES = ["server", "client", "evaluation-runner", "spec-editor"] as const;
export type ConformanceClass = (typeof CONFORMANCE_CLASSES)[number];
/** The classes that a heading names in place of a profile. */
const NON_SERVER_CLASSES: readonly string[] = CONFORMANCE_CLASSES.filter((c) => c !== "server");
/**
 * Profiles of a class other than server: a product of that class claims them as a server claims its
 * profiles (a benchmark tool claims `performance`). Every other profile is a server's.
 */
export const PROFILE_CLASS: Readonly<Record<string, ConformanceClass>> = { performance: "evaluation-runner" };

export interface Clause {
  /** `AREA-NNN`, e.g. `STREAM-004`; permanent. */
  id: string;
  /** For a withdrawn clause: "MAY", the level that can never fail a profile. */
  level: ClauseLevel;
  /**
   * The profile of the clause: a server's (core, streaming, …) or one of another class (performance, for
   * benchmark tools); null for a clause whose heading names a class rather than a profile. For a
   * withdrawn clause: the default profile of its area.
   */
  profile: string | null;
  /** The conformance class the clause binds: the heading's class, or the class of the profile it names. */
  class: ConformanceClass;
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
  /**
   * The clause of the previous version whose text this one was split from (`Added-in: 1.1 (split from
   * VER-005)`): it restates part of an existing requirement rather than adding one (VER-011).
   */
  splitFrom?: string;
  /** Path of the spec file relative to the package root (or as given to `parseClauses`). */
  file: string;
  /** 1-based line of the clause heading. */
  line: number;
}

/** A clause that binds servers: it belongs to a profile. */
export type ServerClause = Clause & { class: "server"; profile: string };

/** The clauses that bind servers, the only ones a conformance run judges (conventions.md, "Conformance classes"). */
export const serverClauses = (clauses: readonly Clause[]): ServerClause[] => clauses.filter((c): c is ServerClause => c.class === "server");

/** The profiles of the standard: the conformance classes of servers (DESIGN.md, "Profiles"). */
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
const LABEL = /^(Rationale|Added-in|Testing|Fault):/;
const ADDED_IN = /^Added-in:\s*((?:0|[1-9]\d*)\.(?:0|[1-9]\d*))(?:\s+\(split from ([A-Z]+-\d{3})\))?$/;
/** Clauses without an `Added-in:` label belong to the first version of the standard. */
export const FIRST_VERSION = "1.0";
const NOT_TESTABLE = /^Testing:\s*not-testable\s*(?:—|–|--|-|:)\s*(\S[\s\S]*)$/;
const NOT_OBSERVABLE = /^Fault:\s*not-observable\s*(?:—|–|--|-|:)\s*(\S[\s\S]*)$/;

/** BCP 14 keywords that carry each level (conventions.md, "Requirement keywords"), longest form first. */
const KEYWORD = /\b(MUST NOT|MUST|REQUIRED|SHALL NOT|SHALL|SHOULD NOT|SHOULD|NOT RECOMMENDED|RECOMMENDED|MAY|OPTIONAL)\b/g;
const LEVEL_OF_KEYWORD: Record<string, ClauseLevel> = {
  "MUST NOT": "MUST", MUST: "MUST", REQUIRED: "MUST", "SHALL NOT": "MUST", SHALL: "MUST",
  "SHOULD NOT": "SHOULD", SHOULD: "SHOULD", "NOT RECOMMENDED": "SHOULD", RECOMMENDED: "SHOULD",
  MAY: "MAY", OPTIONAL: "MAY",
};

/**
 * The BCP 14 keywords of a clause text, in order, with their levels. A keyword inside a code span
 * (`` `MUST` ``) names a level rather than stating a requirement and is not counted.
 */
export function requirementKeywords(text: string): { keyword: string; level: ClauseLevel }[] {
  const prose = text.replace(/`[^`\n]*`/g, " ");
  return [...prose.matchAll(KEYWORD)].map((m) => ({ keyword: m[1], level: LEVEL_OF_KEYWORD[m[1]] }));
}

/** The distinct levels a clause text states; more than one means the clause mixes levels. */
export const levelsOf = (text: string): ClauseLevel[] => [...new Set(requirementKeywords(text).map((k) => k.level))];

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

  const headings = headingLines(lines);

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
        class: "server",
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
    // The heading names a profile (of servers, or of another class) or a conformance class.
    const subject = clause![3];
    const nonServer = NON_SERVER_CLASSES.includes(subject);
    const profileClass: ConformanceClass = PROFILE_CLASS[subject] ?? "server";
    if (!nonServer && !(PROFILES as readonly string[]).includes(subject)) {
      problem(lineNo, `${id} has unknown profile "${subject}"; known: ${PROFILES.join(", ")} (or a conformance class: ${NON_SERVER_CLASSES.join(", ")})`);
    }
    if (text !== "" && !requirementKeywords(text).some((k) => k.level === level)) {
      problem(lineNo, `${id} is a ${level} clause but its text has no ${level} keyword in capitals (BCP 14)`);
    }
    const result: Clause = {
      id, level, profile: nonServer ? null : subject, class: nonServer ? (subject as ConformanceClass) : profileClass, area: prefix, text,
      testable: true, observable: true, withdrawn: false, addedIn: FIRST_VERSION, file, line: lineNo,
    };
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
    const addedIn = reasonOf(body.addedIn, ADDED_IN, "Added-in: MAJOR.MINOR or Added-in: MAJOR.MINOR (split from AREA-NNN)");
    if (addedIn !== undefined) result.addedIn = addedIn;
    const splitFrom = body.addedIn && ADDED_IN.exec(body.addedIn.text)?.[2];
    if (splitFrom) {
      result.splitFrom = splitFrom;
      if (splitFrom === id) problem(lineNo + 1 + body.addedIn!.offset, `${id} cannot be split from itself`);
    }
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
