import { z } from "zod";
import { EMAIL_FREQUENCIES } from "@/db/schema";

const id = (what: string) => z.coerce.number({ error: `Choose ${what}.` }).int().positive(`Choose ${what}.`);

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
});

export const CreateAlertContactInput = AlertContactFields.extend({ accountId: id("an account") });
export type CreateAlertContactInput = z.infer<typeof CreateAlertContactInput>;

export const UpdateAlertContactInput = AlertContactFields.extend({ id: id("a contact") });
export type UpdateAlertContactInput = z.infer<typeof UpdateAlertContactInput>;

export const DeleteAlertContactInput = z.object({ id: id("a contact") });
export type DeleteAlertContactInput = z.infer<typeof DeleteAlertContactInput>;
