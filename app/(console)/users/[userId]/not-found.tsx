import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function UserNotFound() {
  return (
    <EmptyState title="User not found" action={<Link href="/users" className="text-sm text-indigo-700 underline">Back to Users</Link>}>
      <p>This user does not exist. They may have been deleted.</p>
    </EmptyState>
  );
}
