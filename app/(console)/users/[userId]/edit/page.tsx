import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "@/lib/page-guard";
import { choiceLabel } from "@/lib/users/user-shape";
import { UserForm } from "../../user-form";
import { loadUser } from "../load-user";

export const metadata: Metadata = { title: "Edit user" };

export default async function EditUserPage({ params }: { params: Promise<{ userId: string }> }) {
  await pageActor("users:write");
  const user = await loadUser((await params).userId);
  const defaults = {
    userName: user.userName,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    displayName: user.displayName,
    title: user.title ?? "",
    department: user.department ?? "",
    phone: user.phone ?? "",
    employeeNumber: user.employeeNumber ?? "",
    manager: user.manager ? { id: user.manager.id, label: choiceLabel(user.manager) } : null,
    customRows: Object.entries(user.customAttributes).map(([key, value]) => ({ key, value })),
  };
  return (
    <>
      <PageHeader title={`Edit ${user.userName}`} description="Changes are saved to the directory and pushed to every app this user has an account in or is granted." />
      <UserForm mode="edit" userId={user.id} defaults={defaults} />
    </>
  );
}
