import Papa from "papaparse";
import { TEMPLATE_COLUMNS, type ImportColumn } from "./limits";

const EXAMPLE: Record<ImportColumn, string> = {
  userName: "jane.doe",
  email: "jane.doe@example.com",
  firstName: "Jane",
  lastName: "Doe",
  displayName: "Jane Doe",
  title: "Account Manager",
  department: "Sales",
  phone: "+1 555 0100",
  employeeNumber: "E-1001",
  managerUserName: "",
};

/** The downloadable import template: the header row and one example row. */
export function importTemplateCsv(): string {
  return Papa.unparse({ fields: [...TEMPLATE_COLUMNS], data: [TEMPLATE_COLUMNS.map((c) => EXAMPLE[c])] }, { newline: "\r\n" }) + "\r\n";
}

/** The template's file name. */
export const TEMPLATE_FILE_NAME = "users-import-template.csv";
