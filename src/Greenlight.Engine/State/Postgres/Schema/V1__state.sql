-- Greenlight's controller state on PostgreSQL, in the schema "greenlight": the tables of state.db
-- (SqliteStateStore.Schema.cs), so one set of statements serves both engines. Times are ISO-8601 text, as on
-- SQLite, so both order them alike; rowid breaks ties of equal times, as SQLite's implicit one does.
-- Applied by Greenlight's migration engine when a controller opens the store; never edited once released:
-- a change is a new script, V2__….sql beside this one.

CREATE TABLE rollouts (
    id text PRIMARY KEY, app text NOT NULL, phase text NOT NULL, terminal boolean NOT NULL,
    created_at text NOT NULL, state text NOT NULL, rowid bigint GENERATED ALWAYS AS IDENTITY);
CREATE INDEX rollouts_app ON rollouts (app, created_at);

CREATE TABLE events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, rollout_id text NOT NULL, at text NOT NULL,
    message text NOT NULL, duration_ms double precision);
CREATE INDEX events_rollout ON events (rollout_id, id);

CREATE TABLE revisions (
    app text NOT NULL, version text NOT NULL, pid bigint NOT NULL, start_time bigint NOT NULL,
    port bigint NOT NULL, log_file text NOT NULL, status text NOT NULL, started_at text NOT NULL,
    launch_id text, manifest_digest text, instance bigint NOT NULL DEFAULT 0, PRIMARY KEY (app, version, instance));

CREATE TABLE pipeline_runs (
    id text PRIMARY KEY, app text NOT NULL, started_at text NOT NULL, state text NOT NULL,
    rowid bigint GENERATED ALWAYS AS IDENTITY);
CREATE INDEX pipeline_runs_app ON pipeline_runs (app, started_at);

CREATE TABLE releases (
    id text PRIMARY KEY, app text NOT NULL, terminal boolean NOT NULL, created_at text NOT NULL, state text NOT NULL,
    rowid bigint GENERATED ALWAYS AS IDENTITY);
CREATE INDEX releases_app ON releases (app, created_at);

CREATE TABLE manifests (
    digest text PRIMARY KEY, app text NOT NULL, file text NOT NULL, text text, git_commit text,
    uncommitted boolean NOT NULL, stored_at text NOT NULL);

-- Names, references and versions of the secrets a revision started with: never their values.
CREATE TABLE revision_secrets (
    app text NOT NULL, version text NOT NULL, name text NOT NULL, reference text NOT NULL, secret_version text,
    PRIMARY KEY (app, version, name));

CREATE TABLE fingerprints (
    app text NOT NULL, revision text NOT NULL, taken_at text NOT NULL, fingerprint text NOT NULL, PRIMARY KEY (app, revision));
CREATE TABLE routes_set (
    app text PRIMARY KEY, digest text NOT NULL, route text NOT NULL, set_at text NOT NULL);
CREATE TABLE drift (
    app text NOT NULL, key text NOT NULL, since text NOT NULL, finding text NOT NULL, PRIMARY KEY (app, key));

-- A token row holds the SHA-256 of its value: the value itself is nowhere.
CREATE TABLE principals (
    name text PRIMARY KEY, kind text NOT NULL, created_at text NOT NULL, disabled_at text);
CREATE TABLE role_grants (
    principal text NOT NULL, role text NOT NULL, app text NOT NULL, environment text NOT NULL, granted_at text NOT NULL,
    PRIMARY KEY (principal, role, app, environment));
CREATE TABLE api_tokens (
    id text PRIMARY KEY, hash text NOT NULL UNIQUE, owner text NOT NULL, created_at text NOT NULL, expires_at text,
    last_used_at text, revoked_at text);
CREATE INDEX api_tokens_owner ON api_tokens (owner, created_at);

CREATE TABLE notices (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id text NOT NULL UNIQUE, app text NOT NULL, manifest_digest text,
    notice text NOT NULL, routed boolean NOT NULL DEFAULT FALSE);
CREATE INDEX notices_app ON notices (app, routed, seq);
CREATE TABLE notice_deliveries (
    notice_id text NOT NULL, channel text NOT NULL, definition text NOT NULL, status text NOT NULL,
    attempts bigint NOT NULL, next_at text NOT NULL, problem text, PRIMARY KEY (notice_id, channel));
CREATE INDEX notice_deliveries_status ON notice_deliveries (status);

-- Append-only: Greenlight only inserts, and the triggers refuse UPDATE, DELETE and TRUNCATE from anyone else. A
-- superuser can get past them (session_replication_role); the chain and the signed checkpoints then show it.
CREATE TABLE audit_log (seq bigint PRIMARY KEY, at text NOT NULL, entry text NOT NULL);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TABLE audit_checkpoints (seq bigint PRIMARY KEY, checkpoint text NOT NULL);
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- The leadership lease of the controllers sharing this database: one row, never deleted, so that its token (the
-- fencing token) only ever grows. expires_at is the database's clock, never a host's.
CREATE TABLE controller_lease (
    id integer PRIMARY KEY CHECK (id = 1), holder text NOT NULL, address text NOT NULL, token bigint NOT NULL,
    expires_at timestamptz NOT NULL);
