"use server";

import { redirect } from "next/navigation";
import { signOutCurrentSession } from "@/lib/sign-in/sign-in-flow";

/** Ends the session on the server and returns to the sign-in page. */
export async function signOutAction() {
  await signOutCurrentSession();
  redirect("/login");
}
