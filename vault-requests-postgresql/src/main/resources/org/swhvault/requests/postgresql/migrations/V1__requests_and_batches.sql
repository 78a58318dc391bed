-- The vault's requests: one row per bundle (bundle type, SWHID), changed only by compare-and-set on version.
-- Times are timestamptz (microseconds). A lease is held exactly while the row is pending.
CREATE TABLE swhvault_request (
    id               bigint      PRIMARY KEY,
    bundle_type      text        NOT NULL,
    swhid            text        NOT NULL,
    version          bigint      NOT NULL,
    state            text        NOT NULL CHECK (state IN ('new', 'pending', 'done', 'failed')),
    progress_message text,
    failure          text,
    attempts         integer     NOT NULL,
    created          timestamptz NOT NULL,
    done             timestamptz,
    last_access      timestamptz NOT NULL,
    sticky           boolean     NOT NULL,
    lease_owner      text,
    lease_expires    timestamptz,
    retry_at         timestamptz,
    notify_emails    text[]      NOT NULL DEFAULT '{}',
    UNIQUE (bundle_type, swhid),
    CHECK ((lease_owner IS NULL) = (lease_expires IS NULL)),
    CHECK ((state = 'pending') = (lease_owner IS NOT NULL))
);

-- ids are never reused, also after a row is deleted
CREATE SEQUENCE swhvault_request_id START 1;

-- the sweeps list rows by state in id order
CREATE INDEX swhvault_request_state ON swhvault_request (state, id);

CREATE SEQUENCE swhvault_batch_id START 1;

CREATE TABLE swhvault_batch (
    id      bigint      PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE swhvault_batch_bundle (
    batch_id    bigint  NOT NULL REFERENCES swhvault_batch (id) ON DELETE CASCADE,
    position    integer NOT NULL,
    bundle_type text    NOT NULL,
    swhid       text    NOT NULL,
    PRIMARY KEY (batch_id, position)
);
