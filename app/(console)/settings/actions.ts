"use server";

import { revalidatePath } from "next/cache";
import { formValues, runAction, type ActionResult } from "@/lib/action-result";
import { changeAdminRole } from "@/lib/admins/change-admin-role";
import { createAdmin } from "@/lib/admins/create-admin";
import { resetAdminPassword } from "@/lib/admins/reset-admin-password";
import { disableAdmin, enableAdmin } from "@/lib/admins/set-admin-disabled";
import type { AdminRow } from "@/lib/admins/types";
import { adminCreateSchema, adminPasswordResetSchema, adminRoleSchema } from "@/lib/schemas/admin";

/** The new operator, and the generated password to show once. */
export type CreatedAdmin = { name: string; email: string; generatedPassword?: string };

function text(formData: FormData, key: string): string | undefined {
  const value = formData.get(key);
  return typeof value === "string" ? value : undefined;
}

function revalidate() {
  revalidatePath("/settings");
  revalidatePath("/audit");
}

/** Add admin form. */
export async function createAdminAction(_prev: ActionResult<CreatedAdmin> | null, formData: FormData): Promise<ActionResult<CreatedAdmin>> {
  return runAction(
    async () => {
      const input = adminCreateSchema.parse({
        name: text(formData, "name") ?? "",
        email: text(formData, "email") ?? "",
        role: text(formData, "role"),
        slackUserId: text(formData, "slackUserId"),
        passwordMode: text(formData, "passwordMode"),
        password: text(formData, "password"),
      });
      const { admin, generatedPassword } = await createAdmin(input);
      revalidate();
      return { name: admin.name, email: admin.email, generatedPassword };
    },
    { values: formValues(formData) },
  );
}

/** Change role dialog; the id is bound and authorized again in lib. */
export async function changeAdminRoleAction(adminId: string, _prev: ActionResult<AdminRow> | null, formData: FormData): Promise<ActionResult<AdminRow>> {
  return runAction(
    async () => {
      const admin = await changeAdminRole(adminId, adminRoleSchema.parse({ role: text(formData, "role") }));
      revalidate();
      return admin;
    },
    { values: formValues(formData) },
  );
}

/** Disable confirmation. */
export async function disableAdminAction(adminId: string): Promise<ActionResult<AdminRow>> {
  return runAction(async () => {
    const admin = await disableAdmin(adminId);
    revalidate();
    return admin;
  });
}

/** Enable confirmation. */
export async function enableAdminAction(adminId: string): Promise<ActionResult<AdminRow>> {
  return runAction(async () => {
    const admin = await enableAdmin(adminId);
    revalidate();
    return admin;
  });
}

/** Reset password dialog. */
export async function resetAdminPasswordAction(
  adminId: string,
  _prev: ActionResult<{ generatedPassword?: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ generatedPassword?: string }>> {
  return runAction(
    async () => {
      const input = adminPasswordResetSchema.parse({ passwordMode: text(formData, "passwordMode"), password: text(formData, "password") });
      const result = await resetAdminPassword(adminId, input);
      revalidate();
      return result;
    },
    { values: formValues(formData) },
  );
}
