import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { levelsOf, loadClausesFromDir, parseClauses, requirementKeywords, scanClauses, PROFILES } from "../../tools/clauses/registry.js";
import { LisError } from "../../tools/util/errors.js";
import { ROOT } from "../../tools/util/paths.js";

const fixture = (name: string) => {
  const path = join(ROOT, "test/clauses/fixtures", name);
  return { markdown: readFileSync(path, "utf8"), file: relative(ROOT, path) };
};
const scan = (name: string) => {
  const { markdown, file } = fixture(name);
  return { file, ...scanClauses(markdown, file) };
};

describe("parseClauses on a well-formed document", () => {
  const { markdown, file } = fixture("good/streaming.md");
  const clauses = parseClauses(markdown, file);
  const byId = new Map(clauses.map((c) => [c.id, c]));

  it("finds every clause, skipping headings in code fences and informative level-3 headings", () => {
    expect(clauses.map((c) => c.id)).toEqual(["STREAM-001", "STREAM-002", "STREAM-003", "STREAM-004"]);
  });

  it("extracts level, profile, area, text, rationale and the heading line", () => {
    expect(byId.get("STREAM-001")).toEqual({
      id: "STREAM-001",
      level: "MUST",
      profile: "streaming",
      class: "server",
      area: "STREAM",
      text: "The server MUST end every stream with the event `data: [DONE]` followed by a blank line.",
      rationale: "Every widely used client library waits for this sentinel;\nllama.cpp, vLLM and OpenAI send it.",
      testable: true,
      observable: true,
      withdrawn: false,
      addedIn: "1.0",
      file,
      line: 12,
    });
  });

  it("reads the version that added a clause from its Added-in label, and refuses a malformed one", () => {
    const doc = (label: string) => `# T\n\n### STREAM-050 (SHOULD, streaming)\n\nThe server SHOULD do it.\n\nRationale: why.\n\n${label}\n\nTesting: not-testable — client-side.\n`;
    const [c] = parseClauses(doc("Added-in: 1.1"), "streaming.md");
    expect(c).toMatchObject({ addedIn: "1.1", rationale: "why.", testable: false, notTestableReason: "client-side." });
    const { problems } = scanClauses(doc("Added-in: next"), "streaming.md");
    expect(problems).toEqual([{ file: "streaming.md", line: 9, message: 'STREAM-050: expected "Added-in: MAJOR.MINOR or Added-in: MAJOR.MINOR (split from AREA-NNN)"' }]);
  });

  it("reads the clause a split-off clause came from (Added-in: 1.1 (split from ID)), and refuses a split from itself", () => {
    const doc = (label: string) => `# T\n\n### STREAM-050 (SHOULD, streaming)\n\nThe server SHOULD do it.\n\n${label}\n`;
    const [c] = parseClauses(doc("Added-in: 1.1 (split from STREAM-007)"), "streaming.md");
    expect(c).toMatchObject({ addedIn: "1.1", splitFrom: "STREAM-007" });
    expect(parseClauses(doc("Added-in: 1.1"), "streaming.md")[0].splitFrom).toBeUndefined();
    expect(scanClauses(doc("Added-in: 1.1 (split from STREAM-050)"), "streaming.md").problems.map((p) => p.message)).toEqual(["STREAM-050 cannot be split from itself"]);
    expect(scanClauses(doc("Added-in: 1.1 (from STREAM-007)"), "streaming.md").problems).toHaveLength(1);
  });

  it("reads the conformance class from the heading: a profile means a server clause, a class name the class", () => {
    const doc = (subject: string, text: string) => `# T\n\n### STREAM-050 (MUST, ${subject})\n\n${text}\n`;
    expect(parseClauses(doc("streaming", "The server MUST do it."), "streaming.md")[0]).toMatchObject({ class: "server", profile: "streaming" });
    expect(parseClauses(doc("client", "A client MUST do it."), "streaming.md")[0]).toMatchObject({ class: "client", profile: null });
    expect(parseClauses(doc("evaluation-runner", "A runner MUST do it."), "streaming.md")[0]).toMatchObject({ class: "evaluation-runner", profile: null });
    expect(parseClauses(doc("spec-editor", "An editor MUST do it."), "streaming.md")[0]).toMatchObject({ class: "spec-editor", profile: null });
    const { problems } = scanClauses(doc("tester", "A tester MUST do it."), "streaming.md");
    expect(problems[0].message).toMatch(/STREAM-050 has unknown profile "tester"; known: core, .* \(or a conformance class: client, evaluation-runner, spec-editor\)/);
  });

  it("counts a requirement keyword written as code as a level's name, not a requirement", () => {
    expect(levelsOf("The server MUST do it; raising a level from `SHOULD` to `MUST` is not allowed.")).toEqual(["MUST"]);
    expect(levelsOf("The server MUST do it and MAY log it.")).toEqual(["MUST", "MAY"]);
    expect(requirementKeywords("It MUST NOT do this, SHOULD NOT do that, and is NOT RECOMMENDED to do the rest.").map((k) => k.keyword)).toEqual(["MUST NOT", "SHOULD NOT", "NOT RECOMMENDED"]);
    // A MUST clause whose only MUST is written as code has no requirement keyword of its level.
    const { problems } = scanClauses("# T\n\n### STREAM-050 (MUST, streaming)\n\nThe level `MUST` is named here.\n", "streaming.md");
    expect(problems.map((p) => p.message)).toEqual(["STREAM-050 is a MUST clause but its text has no MUST keyword in capitals (BCP 14)"]);
  });

  it("keeps tables in the text and reads wrapped not-testable and not-observable reasons", () => {
    const c = byId.get("STREAM-002")!;
    expect(c.level).toBe("SHOULD");
    expect(c.text).toContain("| table | kept in the text |");
    expect(c.rationale).toBeUndefined();
    expect(c.testable).toBe(false);
    expect(c.notTestableReason).toBe("the reason wraps onto a second line.");
    expect(c.observable).toBe(false);
    expect(c.notObservableReason).toBe("a server cannot be made to violate this on the wire.");
  });

  it("lists a withdrawn clause as withdrawn, with its reason as text and a level that cannot fail a profile", () => {
    const c = byId.get("STREAM-003")!;
    expect(c).toMatchObject({ withdrawn: true, level: "MAY", profile: "streaming", testable: false, line: 31 });
    expect(c.text).toBe("Replaced by STREAM-001, which says the same more precisely.");
  });

  it("accepts a clause of another profile in an area document (STREAM-004 in core)", () => {
    expect(byId.get("STREAM-004")).toMatchObject({ level: "MAY", profile: "core", testable: false, observable: true });
  });
});

describe("parseClauses rejects broken clause syntax, naming file:line", () => {
  const cases: Array<[string, string, Array<[number, RegExp]>]> = [
    [
      "malformed headings",
      "bad-heading/errors.md",
      [
        [3, /malformed clause heading "### ERR-01 \(MUST, core\)"/],
        [7, /malformed clause heading "#### ERR-002/],
        [11, /malformed clause heading "### ERR-003 \(MUST NOT, core\)"/],
      ],
    ],
    ["a duplicate ID", "duplicate/errors.md", [[7, /duplicate clause ID ERR-001 \(first at .*errors\.md:3\)/]]],
    ["an unknown profile", "unknown-profile/errors.md", [[1, /unknown profile "corez"; known: core, streaming/]]],
    [
      "clauses with no text",
      "no-text/errors.md",
      [
        [1, /ERR-001 has no text/],
        [5, /ERR-002 has no text/],
      ],
    ],
    [
      "texts without their BCP 14 keyword",
      "no-keyword/errors.md",
      [
        [1, /ERR-001 is a MUST clause but its text has no MUST keyword/],
        [5, /ERR-002 is a SHOULD clause but its text has no SHOULD keyword/],
      ],
    ],
    ["an ID prefix that does not match the file's area", "wrong-area/chat.md", [[1, /STREAM-001 does not belong in chat\.md: clauses there are CHAT-NNN/]]],
    [
      "Testing:/Fault: lines that are not the not-testable/not-observable forms",
      "bad-labels/errors.md",
      [
        [5, /expected "Testing: not-testable — <reason>"/],
        [6, /expected "Fault: not-observable — <reason>"/],
      ],
    ],
  ];

  for (const [what, name, expected] of cases) {
    it(`reports ${what}`, () => {
      const { file, problems } = scan(name);
      expect(problems.map((p) => p.line)).toEqual(expected.map(([line]) => line));
      expected.forEach(([line, message], i) => {
        expect(problems[i]).toMatchObject({ file, line });
        expect(problems[i].message).toMatch(message);
      });
      // parseClauses throws one LisError (exit 2) that names every problem as file:line.
      const { markdown } = fixture(name);
      let thrown: unknown;
      try {
        parseClauses(markdown, file);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(LisError);
      expect((thrown as LisError).exitCode).toBe(2);
      for (const [line] of expected) expect((thrown as LisError).message).toContain(`${file}:${line}:`);
    });
  }

  it("flags a clause in a document that is not an area document", () => {
    const { problems } = scanClauses("### ERR-001 (MUST, core)\n\nIt MUST.\n", "notes.md");
    expect(problems).toEqual([{ file: "notes.md", line: 1, message: expect.stringMatching(/not an area document; ERR clauses belong in errors\.md/) }]);
  });

  it("does not mistake prose headings for clauses", () => {
    const md = "### UTF-8 encoding\n\ntext\n\n### HTTP/1.1 keep-alive\n\ntext\n";
    expect(scanClauses(md, "http.md")).toEqual({ clauses: [], problems: [] });
  });

  it("knows the profiles of the design", () => {
    expect(PROFILES).toEqual(expect.arrayContaining(["core", "streaming", "tools", "structured-output", "embeddings"]));
  });
});

describe("loadClausesFromDir", () => {
  it("reports a duplicate ID across files, naming both places", () => {
    expect(() => loadClausesFromDir(join(ROOT, "test/clauses/fixtures/cross-file"))).toThrowError(
      // Files are read in the order of the area table: http.md before errors.md.
      /cross-file\/errors\.md:1: duplicate clause ID ERR-001 \(first at test\/clauses\/fixtures\/cross-file\/http\.md:3\)/,
    );
  });
});
