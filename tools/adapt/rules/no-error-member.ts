import type { RepairRule } from "../rule.js";

/** A successful response carries no top-level `error` member (ERR-020), not even `"error": null`. */
export const noErrorMember: RepairRule = {
  keyword: "no-error-member",
  description: "remove a top-level error member from successful responses",
  completion(c) {
    delete c.error;
  },
  stream: () => ({
    chunk(c, emit) {
      delete c.error;
      emit(c);
    },
  }),
  embeddings(r) {
    delete r.error;
  },
  models(list) {
    delete list.error;
  },
};
