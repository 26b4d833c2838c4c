import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <EmptyState title="That approval request does not exist" action={<Link href="/approvals" className="text-sm text-indigo-700 underline">Back to Approvals</Link>}>
      <p>It may have been removed with its app. The Approvals page lists every request still on record.</p>
    </EmptyState>
  );
}
