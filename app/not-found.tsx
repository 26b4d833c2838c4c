import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">That page or record does not exist. It may have been deleted.</p>
      <Link href="/users" className="mt-4 inline-block text-sm text-indigo-700 underline">
        Back to Users
      </Link>
    </main>
  );
}
