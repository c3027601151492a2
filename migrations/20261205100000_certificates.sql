-- Programme completion certificates (seed 000 CERTIFICATE: user, programme, series id,
-- issue and expiration dates, date created, created by, approved by, certificate code,
-- status). The rules are core::certificates; these checks hold them even if a code path
-- skipped it.

CREATE TABLE certificates (
    id TEXT PRIMARY KEY NOT NULL,
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    -- The recipient: a mentee who completed the programme.
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- Upper-case letters, digits and dashes, starting and ending with a letter or digit.
    series_id TEXT NOT NULL CHECK (
        length(series_id) BETWEEN 1 AND 40
        AND series_id NOT GLOB '*[^A-Z0-9-]*'
        AND series_id NOT GLOB '-*'
        AND series_id NOT GLOB '*-'
    ),
    -- MD-XXXX-XXXX-XXXX in Crockford base32, stored as it is: it is printed to be shared
    -- and verified (unlike reset codes, nothing is unlocked with it).
    code TEXT NOT NULL UNIQUE CHECK (
        length(code) = 17
        AND code GLOB 'MD-????-????-????'
        AND substr(code, 4) NOT GLOB '*[^0-9A-HJKMNP-TV-Z-]*'
    ),
    -- Calendar dates (YYYY-MM-DD); an expiry comes after the issue date.
    issued_on TEXT NOT NULL CHECK (date(issued_on) = issued_on),
    expires_on TEXT CHECK (expires_on IS NULL OR (date(expires_on) = expires_on AND expires_on > issued_on)),
    status TEXT NOT NULL DEFAULT 'pending_generation'
        CHECK (status IN ('pending_generation', 'pending_approval', 'approved', 'revoked')),
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    -- Each move, stamped with who and when: the document prepared, approved (seed 000
    -- approvedBy), revoked with a reason.
    generated_by TEXT REFERENCES users(id),
    generated_at INTEGER,
    approved_by TEXT REFERENCES users(id),
    approved_at INTEGER,
    revoked_by TEXT REFERENCES users(id),
    revoked_at INTEGER,
    revoke_reason TEXT NOT NULL DEFAULT '' CHECK (length(revoke_reason) <= 1000),
    CHECK ((generated_at IS NULL) = (generated_by IS NULL)),
    CHECK ((approved_at IS NULL) = (approved_by IS NULL)),
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL)),
    -- Approval follows generation.
    CHECK (approved_at IS NULL OR generated_at IS NOT NULL),
    -- The stamps match the status: a revoked one may have been revoked from any status.
    CHECK (status <> 'pending_generation'
           OR (generated_at IS NULL AND approved_at IS NULL AND revoked_at IS NULL)),
    CHECK (status <> 'pending_approval'
           OR (generated_at IS NOT NULL AND approved_at IS NULL AND revoked_at IS NULL)),
    CHECK (status <> 'approved' OR (approved_at IS NOT NULL AND revoked_at IS NULL)),
    CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
    CHECK ((status = 'revoked') = (revoke_reason <> ''))
) STRICT;
-- At most one certificate per mentee and programme that is not revoked.
CREATE UNIQUE INDEX certificates_one_live
    ON certificates(programme_id, user_id) WHERE status <> 'revoked';
-- A programme's certificates (managers' list), and a person's own.
CREATE INDEX certificates_by_programme ON certificates(programme_id, status, created_at);
CREATE INDEX certificates_by_user ON certificates(user_id, created_at);
