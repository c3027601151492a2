-- The admin's bulk imports of people from CSV (seed 002 BulkUploads): one row per import
-- that ran (previews write nothing). Every data row of the file is counted once: it became
-- an account, was skipped because its e-mail already had one, or had an error.
--
-- Imported accounts are ordinary `users` rows whose password_hash is '' (no password:
-- it never verifies, and sign-in says to use the set-password code) until their owner
-- redeems the one-time code the import issued, stored like any reset code in
-- `password_resets` (digest only, single use, 14 days).

CREATE TABLE imports (
    id TEXT PRIMARY KEY NOT NULL,
    -- The uploaded file's name (last path component, core::imports::clean_file_name).
    file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    -- SHA-256 of the file's bytes, lower-case hex.
    content_sha256 TEXT NOT NULL
        CHECK (length(content_sha256) = 64 AND content_sha256 NOT GLOB '*[^0-9a-f]*'),
    total_rows INTEGER NOT NULL CHECK (total_rows >= 1),
    imported INTEGER NOT NULL CHECK (imported >= 0),
    skipped_existing INTEGER NOT NULL CHECK (skipped_existing >= 0),
    error_count INTEGER NOT NULL CHECK (error_count >= 0),
    -- The rejected rows: a JSON array of shared::imports::RowError {row, email, reason}.
    errors TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(errors) AND json_type(errors) = 'array' AND json_array_length(errors) = error_count),
    imported_by TEXT NOT NULL REFERENCES users(id),
    imported_at INTEGER NOT NULL,
    CHECK (imported + skipped_existing + error_count = total_rows)
) STRICT;
CREATE INDEX imports_by_time ON imports(imported_at, id);
