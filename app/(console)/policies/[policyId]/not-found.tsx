import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-xl font-semibold">Policy not found</h1>
      <p className="mt-2 text-sm text-slate-600">It may have been deleted.</p>
      <Link href="/policies" className="mt-4 inline-block text-sm text-indigo-700 underline">
        Back to Policies
      </Link>
    </div>
  );
}
