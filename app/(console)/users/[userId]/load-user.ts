import "server-only";
import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors";
import { getUser } from "@/lib/users/get-user";
import type { UserDetail } from "@/lib/users/user-shape";

/** The user for a page under /users/[userId], or the not-found page. */
export async function loadUser(userId: string): Promise<UserDetail> {
  try {
    return await getUser(userId);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
