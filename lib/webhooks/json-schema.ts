import { z } from "zod";
import { ErrorReportedInput, WebhookEventInput } from "./events";

/** The events as JSON Schema (draft 2020-12), generated from the zod schemas the endpoint validates with. */
export function webhookEventsJsonSchema() {
  return z.toJSONSchema(WebhookEventInput, {
    io: "input",
    target: "draft-2020-12",
    override: ({ zodSchema, jsonSchema }) => {
      // The one rule a refinement states, which JSON Schema can state too.
      if (zodSchema === ErrorReportedInput) jsonSchema.anyOf = [{ required: ["orderNumber"] }, { required: ["sku"] }];
    },
  });
}
