import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTypes, typesFile, diffSummary, schemaVersions } from "../../tools/codegen/generate.js";
import { schemaDir, ROOT } from "../../tools/util/paths.js";
import { runCli } from "../support/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "lis-codegen-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of schemas/1.0 in a temp folder, changed by `edit`. */
function modifiedCopy(name: string, edit: (schemas: string) => void): string {
  const dir = join(tmp, name);
  cpSync(schemaDir("1.0"), dir, { recursive: true });
  edit(dir);
  return dir;
}
const editJson = (path: string, edit: (doc: any) => void) => {
  const doc = JSON.parse(readFileSync(path, "utf8"));
  edit(doc);
  writeFileSync(path, JSON.stringify(doc, null, 2));
};

describe("generated types of spec 1.0", () => {
  let fresh: string;
  beforeAll(async () => {
    fresh = await generateTypes({ version: "1.0" });
  });

  it("are up to date: the committed types/1.0/index.ts equals a fresh generation (run `npm run generate`)", () => {
    const committed = readFileSync(typesFile("1.0"), "utf8");
    if (committed !== fresh) expect.fail(`types/1.0/index.ts is out of date:\n${diffSummary(committed, fresh)}`);
  });

  it("are deterministic", async () => {
    expect(await generateTypes({ version: "1.0" })).toBe(fresh);
  });

  it("start with the do-not-edit header and map every schema name to its type", () => {
    expect(fresh.startsWith("/**\n * generated — do not edit.")).toBe(true);
    expect(fresh).toMatch(/export interface SchemaTypes \{[^}]*"chat-completion": ChatCompletion;[^}]*error: ErrorResponse;/);
  });

  it("emit each shared type once (no `Usage1`-style copies)", () => {
    const names = [...fresh.matchAll(/^export (?:type|interface) (\w+)/gm)].map((m) => m[1]);
    expect(new Set(names).size).toBe(names.length);
    const copies = names.filter((n) => /\d+$/.test(n) && names.includes(n.replace(/\d+$/, "")));
    expect(copies).toEqual([]);
  });
});

describe.each(schemaVersions().filter((v) => v !== "1.0"))("generated types of spec %s", (version) => {
  it("are up to date (run `npm run generate`)", async () => {
    const committed = existsSync(typesFile(version)) ? readFileSync(typesFile(version), "utf8") : "";
    const fresh = await generateTypes({ version });
    if (committed !== fresh) expect.fail(`types/${version}/index.ts is out of date:\n${diffSummary(committed, fresh)}`);
  });
});

describe("the drift check", () => {
  it("covers every version folder of schemas/", () => {
    expect(schemaVersions()).toContain("1.0");
    expect(schemaVersions().every((v) => /^\d+\.\d+$/.test(v))).toBe(true);
  });

  it("fails when a schema changes: generation from a modified copy differs from the committed file", async () => {
    const dir = modifiedCopy("added-member", (d) =>
      editJson(join(d, "error.schema.json"), (s) => {
        s.properties.error.properties.hint = { type: "string", description: "A hint added by this test." };
      }),
    );
    const changed = await generateTypes({ version: "1.0", schemaDir: dir });
    expect(changed).not.toBe(readFileSync(typesFile("1.0"), "utf8"));
    expect(changed).toContain("hint?: string;");

    const r = runCli(["generate", "--check", "--schemas", dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("types/1.0/index.ts: out of date with the schemas; run `npm run generate`");
    expect(r.stdout).toMatch(/\+\s+hint\?: string;/);
  });

  it("passes on the committed schemas (subprocess)", () => {
    const r = runCli(["generate", "--check"]);
    expect(r.stdout).toBe(schemaVersions().map((v) => `types/${v}/index.ts: up to date\nconformance/${v}/requirements.yaml: up to date\n`).join(""));
    expect(r.status).toBe(0);
  });

  it("writes with --out and then reports it up to date", () => {
    const out = join(tmp, "out", "index.ts");
    expect(runCli(["generate", "--out", out]).stdout).toMatch(/index\.ts: written \(\d+ lines\)/);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(typesFile("1.0"), "utf8"));
    expect(runCli(["generate", "--check", "--out", out]).status).toBe(0);
  });
});

describe("offline $ref resolution", () => {
  it("maps absolute https://lis-spec.org/schemas/1.0/ refs to the local files: the same types as relative refs", async () => {
    let rewritten = 0;
    const dir = modifiedCopy("absolute-refs", (d) => {
      for (const file of ["chat-completion.schema.json", "chat-completion-chunk.schema.json", "embedding-list.schema.json"]) {
        const path = join(d, file);
        const text = readFileSync(path, "utf8").replace(/"\$ref": "([a-z-]+\.schema\.json)/g, (_m, f: string) => {
          rewritten++;
          return `"$ref": "https://lis-spec.org/schemas/1.0/${f}`;
        });
        writeFileSync(path, text);
      }
    });
    expect(rewritten).toBeGreaterThan(0);
    expect(await generateTypes({ version: "1.0", schemaDir: dir })).toBe(await generateTypes({ version: "1.0" }));
  });

  it("keeps a type shared when a $ref carries a description beside it (no `CompletionUsage1` copy)", async () => {
    const dir = modifiedCopy("annotated-ref", (d) =>
      editJson(join(d, "error.schema.json"), (s) => {
        s.properties.spent = { $ref: "usage.schema.json", description: "An annotated reference, valid in 2020-12." };
      }),
    );
    const types = await generateTypes({ version: "1.0", schemaDir: dir });
    expect(types).toMatch(/spent\?: CompletionUsage;/);
    expect(types).not.toMatch(/CompletionUsage1/);
  });

  it("refuses a reference to a schema that does not exist, without going to the network", async () => {
    const dir = modifiedCopy("dangling-ref", (d) =>
      editJson(join(d, "error.schema.json"), (s) => {
        s.properties.extra = { $ref: "https://lis-spec.org/schemas/1.0/no-such.schema.json" };
      }),
    );
    await expect(generateTypes({ version: "1.0", schemaDir: dir })).rejects.toThrow(/no-such\.schema\.json/);
    const r = runCli(["generate", "--check", "--schemas", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^lis: cannot generate types from .*no-such\.schema\.json/);
  });
});

describe("a typed client compiles against types/1.0", () => {
  const tsc = (file: string) =>
    spawnSync(
      process.execPath,
      [join(ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "--strict", "--target", "es2022", "--module", "nodenext",
        "--moduleResolution", "nodenext", "--types", "node", "--skipLibCheck", "--lib", "es2023", file],
      { cwd: ROOT, encoding: "utf8", timeout: 120_000 },
    );

  it("test/codegen/typed-client.ts type-checks, and its @ts-expect-error line is still an error", () => {
    const r = tsc("test/codegen/typed-client.ts");
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("fails to type-check when the client misuses a type (the check can fail)", () => {
    const source = readFileSync(join(ROOT, "test/codegen/typed-client.ts"), "utf8");
    const broken = join(ROOT, "test/codegen", ".broken-client.tmp.ts");
    writeFileSync(broken, `${source}\nexport const wrong: ChatCompletionRequest = { model: "m", messages: "hello" };\n`);
    try {
      const r = tsc(broken);
      expect(r.status).not.toBe(0);
      expect(r.stdout).toMatch(/\.broken-client\.tmp\.ts\(\d+,\d+\): error TS2322/);
    } finally {
      rmSync(broken, { force: true });
    }
  });
});
