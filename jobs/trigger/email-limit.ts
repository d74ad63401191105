// Resend limits requests per team, not per run: the email tasks share one slot, so they never send at once.
import { concurrencyLimit } from "@trigger.dev/sdk";

export const resendLimit = concurrencyLimit({ name: "resend", total: 1 });
