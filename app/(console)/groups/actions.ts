"use server";

import { revalidatePath } from "next/cache";
import { formValues, runAction, type ActionResult } from "@/lib/action-result";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { createGroup } from "@/lib/groups/create-group";
import { deleteGroup } from "@/lib/groups/delete-group";
import { previewMembershipImpact, type MembershipImpact } from "@/lib/groups/preview-membership-impact";
import { removeGroupMembers } from "@/lib/groups/remove-group-members";
import { searchGroupCandidates } from "@/lib/groups/search-group-candidates";
import type { GroupCandidate } from "@/lib/groups/types";
import { updateGroup } from "@/lib/groups/update-group";
import { groupInputSchema, memberIdsSchema } from "@/lib/schemas/group";

function groupFields(formData: FormData) {
  return groupInputSchema.parse({ name: formData.get("name") ?? "", description: formData.get("description") ?? "" });
}

/** Create Group form. */
export async function createGroupAction(_prev: ActionResult<{ id: string }> | null, formData: FormData): Promise<ActionResult<{ id: string }>> {
  return runAction(
    async () => {
      const group = await createGroup(groupFields(formData));
      revalidatePath("/groups");
      return { id: group.id };
    },
    { values: formValues(formData), message: "Group created." },
  );
}

/** Edit form: rename and describe; the id is bound and authorized again in lib. */
export async function updateGroupAction(
  groupId: string,
  _prev: ActionResult<{ id: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ id: string }>> {
  return runAction(
    async () => {
      const group = await updateGroup(groupId, groupFields(formData));
      revalidatePath("/groups");
      revalidatePath(`/groups/${group.id}`);
      return { id: group.id };
    },
    { values: formValues(formData), message: "Group saved." },
  );
}

/**
 * Deletes a group; its users stay in the directory. `leaving`: the caller is the group's own page
 * and navigates away itself; revalidating would first re-render that page as "not found".
 */
export async function deleteGroupAction(groupId: string, leaving = false): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const { name } = await deleteGroup(groupId);
    if (!leaving) revalidatePath("/groups");
    return { name };
  });
}

/** Adds the selected users to the group. */
export async function addGroupMembersAction(groupId: string, userIds: string[]): Promise<ActionResult<{ added: number }>> {
  return runAction(async () => {
    const result = await addGroupMembers(groupId, memberIdsSchema.parse(userIds));
    revalidatePath("/groups");
    revalidatePath(`/groups/${groupId}`);
    return result;
  });
}

/** Removes the selected members from the group. */
export async function removeGroupMembersAction(groupId: string, userIds: string[]): Promise<ActionResult<{ removed: number }>> {
  return runAction(async () => {
    const result = await removeGroupMembers(groupId, memberIdsSchema.parse(userIds));
    revalidatePath("/groups");
    revalidatePath(`/groups/${groupId}`);
    return result;
  });
}

/** The impact preview of the membership dialogs: what adding / removing these users would do in each app. */
export async function previewMembershipImpactAction(
  groupId: string,
  change: { add?: string[]; remove?: string[] },
): Promise<ActionResult<MembershipImpact>> {
  return runAction(() =>
    previewMembershipImpact(String(groupId), { add: memberIdsSchema.parse(change?.add ?? []), remove: memberIdsSchema.parse(change?.remove ?? []) }),
  );
}

/** The Add members search: users not in the group matching `q`. */
export async function searchGroupCandidatesAction(groupId: string, q: string): Promise<ActionResult<{ rows: GroupCandidate[]; more: boolean }>> {
  return runAction(() => searchGroupCandidates(groupId, typeof q === "string" ? q : ""));
}
