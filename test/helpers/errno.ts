// The errno code (ENOENT, ENOSPC, ...) a file-system promise rejects with, for the Fs tests.

/** The `code` a promise rejects with, or "resolved". */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return String((error as { code?: string }).code);
  }
}
