import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "@/lib/page-guard";
import { count, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, REQUIRED_COLUMNS, TEMPLATE_COLUMNS } from "@/lib/user-import/limits";
import { ImportWizard } from "./import-wizard";

export const metadata: Metadata = { title: "Import users" };

const optionalColumns = TEMPLATE_COLUMNS.filter((c) => !REQUIRED_COLUMNS.includes(c));

export default async function Page() {
  await pageActor("users:write");
  return (
    <>
      <PageHeader
        title="Import users"
        description={
          <>
            Add many users at once from a CSV file. <Link href="/users" className="text-indigo-700 underline">Back to Users</Link>
          </>
        }
        actions={
          // A plain link: the template is a file download from a route handler, not a page.
          <a href="/users/import/template" download className={buttonClasses("secondary")}>
            Download template
          </a>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <ImportWizard />
        <aside className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700" aria-labelledby="file-format">
          <h2 id="file-format" className="font-semibold text-slate-900">
            File format
          </h2>
          <p>
            One user per row, with a header row. Required columns: <Columns names={REQUIRED_COLUMNS} />. Optional: <Columns names={optionalColumns} />.
          </p>
          <p>
            Columns named <code>custom.&lt;name&gt;</code> (for example <code>custom.costCenter</code>) become custom attributes. Other columns are ignored.
            Column names are not case-sensitive.
          </p>
          <p>
            <code>managerUserName</code> names a user already in the directory or another row of the file.
          </p>
          <p>
            Up to {count(MAX_IMPORT_ROWS)} rows and {MAX_IMPORT_BYTES / 1024 / 1024} MB per file, saved as UTF-8. Rows with errors are skipped; the rest are imported.
          </p>
        </aside>
      </div>
    </>
  );
}

function Columns({ names }: { names: readonly string[] }) {
  return (
    <>
      {names.map((name, i) => (
        <span key={name}>
          {i > 0 ? ", " : null}
          <code>{name}</code>
        </span>
      ))}
    </>
  );
}
