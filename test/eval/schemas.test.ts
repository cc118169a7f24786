import { describeSchemaExamples } from "./schema-examples.js";

describeSchemaExamples(["eval-report", "dataset-classification-line", "dataset-generation-line"]);
