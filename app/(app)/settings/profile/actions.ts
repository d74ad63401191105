"use server";

import { revalidatePath } from "next/cache";
import { signOut } from "@/auth";
import { changePassword, ChangePasswordInput } from "@/lib/auth/change-password";
import { userAction, type ActionResult } from "../../../_lib/action";
import { CreateAlertContactInput, DeleteAlertContactInput, UpdateAlertContactInput } from "@/lib/settings/alert-contact-input";
import { createAlertContact } from "@/lib/settings/create-alert-contact";
import { deleteAlertContact } from "@/lib/settings/delete-alert-contact";
import { updateAlertContact } from "@/lib/settings/update-alert-contact";
import { setUserTimeZone, UserTimeZoneInput } from "@/lib/settings/user-time-zone";

// Each takes the form's FormData (useActionState); the core checks the contact is the caller's.
const PAGE = "/settings/profile";

const create = userAction(CreateAlertContactInput, async (input, { db, scope, now }) => {
  const contact = await createAlertContact(db, scope, input, now);
  revalidatePath(PAGE);
  return { ok: true, message: `${contact.email} added.` };
});

const update = userAction(UpdateAlertContactInput, async (input, { db, scope, now }) => {
  const contact = await updateAlertContact(db, scope, input, now);
  revalidatePath(PAGE);
  return { ok: true, message: `${contact.email} saved.` };
});

const remove = userAction(DeleteAlertContactInput, async (input, { db, scope }) => {
  const contact = await deleteAlertContact(db, scope, input.id);
  revalidatePath(PAGE);
  return { ok: true, message: `${contact.email} removed.` };
});

export async function addAlertContactAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return create(form);
}

export async function updateAlertContactAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return update(form);
}

export async function removeAlertContactAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return remove(form);
}

const changeOwnPassword = userAction(ChangePasswordInput, async (input, { db, userId }) => {
  await changePassword(db, userId, input);
  return { ok: true, message: "Password changed." };
});

/** Every session of the user has ended (lib/auth/change-password.ts): this one signs out to the sign-in page. */
export async function changePasswordAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await changeOwnPassword(form);
  if (result.ok) await signOut({ redirectTo: "/login?notice=password-changed" });
  return result;
}

const saveTimeZone = userAction(UserTimeZoneInput, async (input, ctx) => {
  const { timeZone } = await setUserTimeZone(ctx, input);
  // Every page writes times in it from now on (docs/rules.md#t3).
  revalidatePath("/", "layout");
  return { ok: true, message: `Saved. Times on your pages are now in ${timeZone}.` };
});

export async function setTimeZoneAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return saveTimeZone(form);
}
