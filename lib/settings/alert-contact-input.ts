import { z } from "zod";
import { ALERT_TOPICS, EMAIL_FREQUENCIES, type AlertTopic } from "@/db/schema";
import { isTimeZone } from "../format/time";

const id = (what: string) =>
  z.coerce
    .number({ error: `Choose ${what}.` })
    .int()
    .positive(`Choose ${what}.`);

/** An alert contact as a person enters it on Profile & Billing; messages say what to change. */
export const AlertContactFields = z.object({
  name: z
    .string()
    .trim()
    .max(100, "Name is too long (100 characters at most).")
    .optional()
    .transform((v) => v || null),
  email: z.string().trim().toLowerCase().max(254, "Email is too long.").email("Enter a valid email address."),
  frequency: z.enum(EMAIL_FREQUENCIES, { error: "Choose how often this contact gets emails." }).default("daily"),
  // The contact's own choices (docs/emails.md, "Per-contact choices"); left out, they stay as they are.
  timeZone: z.string().trim().refine(isTimeZone, "Choose a time zone from the list, e.g. Europe/Berlin or America/New_York.").optional(),
  digestHour: z.coerce
    .number({ error: "Choose the hour digests go out." })
    .int("Choose a whole hour.")
    .min(0, "Choose an hour from 00:00 to 23:00.")
    .max(23, "Choose an hour from 00:00 to 23:00.")
    .optional(),
  hourlyEmailCap: z.coerce
    .number({ error: "Enter how many emails an hour at most." })
    .int("Enter a whole number of emails.")
    .min(1, "At least 1 email an hour: what is over the cap waits for the next email.")
    .max(60, "At most 60 emails an hour.")
    .optional(),
  /** null: every kind of alert. */
  alertTopics: z
    .array(z.enum(ALERT_TOPICS))
    .min(1, "Choose at least one kind of alert, or set this contact's emails to Off.")
    .nullable()
    .optional(),
});

/**
 * The form's checkboxes (`topic.address=on`, …, with `topics=shown`) as a list of kinds: every kind checked is
 * null (every kind, today's behaviour). Blank choice fields count as left out.
 */
function fromForm(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const form = { ...(raw as Record<string, unknown>) };
  for (const key of ["timeZone", "digestHour", "hourlyEmailCap"]) if (form[key] === "") delete form[key];
  if (form.topics === "shown") {
    const chosen = ALERT_TOPICS.filter((t) => form[`topic.${t}`] === "on");
    form.alertTopics = chosen.length === ALERT_TOPICS.length ? null : (chosen as AlertTopic[]);
  }
  for (const key of Object.keys(form)) if (key === "topics" || key.startsWith("topic.")) delete form[key];
  return form;
}

export const CreateAlertContactInput = z.preprocess(fromForm, AlertContactFields.extend({ accountId: id("an account") }));
export type CreateAlertContactInput = z.infer<typeof CreateAlertContactInput>;

export const UpdateAlertContactInput = z.preprocess(fromForm, AlertContactFields.extend({ id: id("a contact") }));
export type UpdateAlertContactInput = z.infer<typeof UpdateAlertContactInput>;

export const DeleteAlertContactInput = z.object({ id: id("a contact") });
export type DeleteAlertContactInput = z.infer<typeof DeleteAlertContactInput>;
