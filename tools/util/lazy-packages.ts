/**
 * Packages that most runs never need, loaded on first use instead of at start: a run from the build's
 * precompiled files (case suite, validators, data files) needs neither yaml nor Ajv's compiler, and those
 * cost a cold `lis conformance` ~100 ms of module loading; Spectral's parsers are needed only to place a
 * JSON syntax error. All are CommonJS, so a synchronous require is the same module an import would give.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const yaml = (): typeof import("yaml") => require("yaml");
export const Ajv2020 = (): typeof import("ajv/dist/2020.js").Ajv2020 => require("ajv/dist/2020.js").Ajv2020;
export const addFormats = (): typeof import("ajv-formats").default => require("ajv-formats");
export const ajvStandalone = (): typeof import("ajv/dist/standalone/index.js").default => require("ajv/dist/standalone/index.js");
export const spectralParsers = (): typeof import("@stoplight/spectral-parsers") => require("@stoplight/spectral-parsers");
/** The installed version of a package (its package.json), e.g. to tell generated code made by another. */
export const packageVersionOf = (name: string): string => (require(`${name}/package.json`) as { version: string }).version;

/**
 * A package that only one command needs, kept out of a consumer's install (an optional peer dependency of
 * lis-standard): imported when that command runs; when it is not installed, a usage error that says how to
 * install it, instead of a module-resolution stack trace.
 */
export async function optionalPackage<T>(name: string, entry: string, forWhat: string): Promise<T> {
  try {
    return (await import(entry)) as T;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if ((code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && String((err as Error).message).includes(name)) {
      const { EXIT, LisError } = await import("./errors.js");
      const { peerDependencies } = require("../../../package.json") as { peerDependencies?: Record<string, string> };
      const version = peerDependencies?.[name] ? `@${peerDependencies[name]}` : "";
      throw new LisError(`${forWhat} needs the package ${name}, which lis-standard leaves optional: npm install --save-dev ${name}${version}`, EXIT.USAGE);
    }
    throw err;
  }
}
