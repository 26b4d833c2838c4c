"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formValues, runAction, type ActionResult } from "@/lib/action-result";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { removeGroupMembers } from "@/lib/groups/remove-group-members";
import { customAttributeRowsOf, userFormInput, userFormSchema } from "@/lib/schemas/user";
import { createUser } from "@/lib/users/create-user";
import { deleteUsers } from "@/lib/users/delete-users";
import { searchUserChoices } from "@/lib/users/search-user-choices";
import { setUsersActive } from "@/lib/users/set-users-active";
import { updateUser } from "@/lib/users/update-user";
import type { UserChoice } from "@/lib/users/user-shape";

export type UserFormState = (ActionResult<{ id: string; userName: string }> & { submission?: number }) | null;

/** What the person typed, to put back after an error; custom attribute rows travel as JSON. */
function typedValues(formData: FormData): Record<string, string> {
  const values = formValues(formData);
  delete values.customKey;
  delete values.customValue;
  values.customRows = JSON.stringify(customAttributeRowsOf(formData));
  return values;
}

function revalidateUsers() {
  revalidatePath("/users", "layout");
}

/** Users > Add User. */
export async function createUserAction(_prev: UserFormState, formData: FormData): Promise<UserFormState> {
  return runAction(
    async () => {
      const user = await createUser(userFormSchema.parse(userFormInput(formData)));
      revalidateUsers();
      return user;
    },
    { values: typedValues(formData) },
  );
}

/** Users > Edit; the id is bound by the page and authorized again in lib. */
export async function updateUserAction(userId: string, _prev: UserFormState, formData: FormData): Promise<UserFormState> {
  return runAction(
    async () => {
      const user = await updateUser(userId, userFormSchema.parse(userFormInput(formData)));
      revalidateUsers();
      return user;
    },
    { values: typedValues(formData) },
  );
}

/** Deactivate (active=false) or reactivate one or many users. */
export async function setUsersActiveAction(userIds: string[], active: boolean): Promise<ActionResult<{ changed: number }>> {
  return runAction(async () => {
    const result = await setUsersActive(userIds, z.boolean().parse(active));
    revalidateUsers();
    return result;
  });
}

/** Deletes one or many users (memberships go with them). */
export async function deleteUsersAction(userIds: string[]): Promise<ActionResult<{ deleted: number }>> {
  return runAction(async () => {
    const result = await deleteUsers(userIds);
    revalidateUsers();
    revalidatePath("/groups", "layout");
    return result;
  });
}

/** Bulk "Add to group" / "Remove from group" from the users list. */
export async function changeGroupMembershipAction(
  mode: "add" | "remove",
  groupId: string,
  userIds: string[],
): Promise<ActionResult<{ changed: number }>> {
  return runAction(async () => {
    const changed =
      z.enum(["add", "remove"]).parse(mode) === "add"
        ? (await addGroupMembers(groupId, userIds)).added
        : (await removeGroupMembers(groupId, userIds)).removed;
    revalidateUsers();
    revalidatePath("/groups", "layout");
    return { changed };
  });
}

/** Users matching a query, for the manager picker. */
export async function searchManagersAction(query: string, excludeId?: string): Promise<ActionResult<UserChoice[]>> {
  return runAction(() => searchUserChoices(String(query), { excludeId: excludeId ? String(excludeId) : undefined }));
}
