import { describeSchemaExamples } from "../eval/schema-examples.js";

describeSchemaExamples(["dataset-chat-line", "fine-tuning-job-request", "fine-tuning-job", "fine-tuning-job-list", "fine-tuning-event", "fine-tuning-event-list"]);
