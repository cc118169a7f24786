import { Resolver, createHttpAndFileResolver } from "@stoplight/spectral-ref-resolver";
import { readBoundedFile } from "./document.js";
import { LisError } from "../util/errors.js";

/** Marks the resolver error of a remote `$ref` we refused to fetch, so the engine can turn it into its own finding. */
export const REMOTE_REF_REFUSED = "remote $ref not fetched";

/** Input errors met while resolving (a `$ref` to a missing or oversized file): the engine reports them as exit 2. */
export interface ResolverProblems {
  inputErrors: string[];
}

type Uri = { toString(): string; path(): string };

/**
 * The `$ref` resolver of lis lint: local files are read with the same size cap as the document itself; http(s)
 * references are fetched only when the user allows it, otherwise they fail with a message that says why.
 */
export function createLintResolver(options: { allowRemoteRefs: boolean }, problems: ResolverProblems): Resolver {
  const stock = createHttpAndFileResolver() as unknown as { resolvers: Record<string, { resolve(uri: Uri): Promise<unknown> }> };
  const refuseRemote = {
    async resolve(uri: Uri): Promise<unknown> {
      throw new Error(`${REMOTE_REF_REFUSED}: ${uri.toString()} (lis lint does not fetch remote references; pass --allow-remote-refs to fetch them)`);
    },
  };
  const file = {
    async resolve(uri: Uri): Promise<unknown> {
      const path = decodeURIComponent(uri.path());
      try {
        return readBoundedFile(path, "referenced file");
      } catch (err) {
        const message = err instanceof LisError ? err.message : (err as Error).message;
        problems.inputErrors.push(message);
        throw new Error(message);
      }
    },
  };
  return new Resolver({
    resolvers: {
      file,
      http: options.allowRemoteRefs ? stock.resolvers.http : refuseRemote,
      https: options.allowRemoteRefs ? stock.resolvers.https : refuseRemote,
    },
  } as never);
}
