import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">You do not have access to this page</h1>
      <p className="mt-2 text-sm text-slate-600">Your role cannot open it. Ask an admin if you need access.</p>
      <Link href="/users" className="mt-4 inline-block text-sm text-indigo-700 underline">
        Back to Users
      </Link>
    </main>
  );
}
