import { z } from "zod";
import { requiredLine } from "@/lib/schemas/common";

/** What the preview and the import take: the file's name and its text, sent again on import. */
export const importFileSchema = z.object({
  fileName: requiredLine("File name", 255),
  content: z.string({ error: "Choose a CSV file." }),
});

export type ImportFileInput = z.input<typeof importFileSchema>;
