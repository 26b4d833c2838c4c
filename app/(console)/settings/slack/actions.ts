"use server";

import { revalidatePath } from "next/cache";
import { formValues, runAction, type ActionResult } from "@/lib/action-result";
import { linkApproverByEmail, setApproverSlackUser, type ApproverRow } from "@/lib/slack/approvers";
import { saveSlackSettings, type SlackSettingsView } from "@/lib/slack/settings";

function text(formData: FormData, key: string): string {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
}

function revalidate() {
  revalidatePath("/settings/slack");
  revalidatePath("/settings");
}

/** Settings > Slack form: verified with auth.test before anything is saved. */
export async function saveSlackSettingsAction(_prev: ActionResult<SlackSettingsView> | null, formData: FormData): Promise<ActionResult<SlackSettingsView>> {
  // The secrets never go back into the form: values keep only the channel.
  const values = { defaultChannel: text(formData, "defaultChannel") };
  return runAction(
    async () => {
      const view = await saveSlackSettings({ botToken: text(formData, "botToken"), signingSecret: text(formData, "signingSecret"), defaultChannel: values.defaultChannel });
      revalidate();
      return view;
    },
    { values, message: "Slack settings saved; the bot token was verified with Slack." },
  );
}

/** "Link by email" on an approver row; the id is bound and authorized again in lib. */
export async function linkByEmailAction(adminId: string): Promise<ActionResult<ApproverRow>> {
  return runAction(async () => {
    const row = await linkApproverByEmail(adminId);
    revalidate();
    return row;
  });
}

/** "Set Slack user" dialog. */
export async function setSlackUserAction(adminId: string, _prev: ActionResult<ApproverRow> | null, formData: FormData): Promise<ActionResult<ApproverRow>> {
  return runAction(
    async () => {
      const row = await setApproverSlackUser({ adminId, slackUserId: text(formData, "slackUserId") });
      revalidate();
      return row;
    },
    { values: formValues(formData) },
  );
}
