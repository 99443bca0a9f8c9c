/** Size limits of admin-screen uploads (IMPORT_UPLOAD_LIMIT_MB overrides the file limit). */
export const UPLOAD_LIMIT_BYTES = Number(process.env.IMPORT_UPLOAD_LIMIT_MB ?? 200) * 1024 * 1024;
/** The app's proxy buffers at most 1 MB of a request body, so files arrive in chunks well under that. */
export const CHUNK_BYTES = 512 * 1024;
