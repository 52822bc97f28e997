/// Picket's schema history, oldest first. Never edit a released migration: add a new one.
///
/// Conventions: times are BIGINT milliseconds since 1970 (UTC); booleans are BOOLEAN (0/1 in SQLite); JSON is
/// TEXT; ids are 64-bit integers. Secrets never appear in clear: tokens and session ids are stored as SHA-256,
/// passwords as PBKDF2 hashes, the GitLab token as a ciphertext made by the caller's vault, and findings keep
/// only a redacted preview plus the secret's SHA-256.
public enum Schema {
    public static let migrations: [Migration] = [initial, components]

    static let initial = Migration(version: 1, name: "initial schema", steps: [
        .both("""
            CREATE TABLE settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """),
        .both("""
            CREATE TABLE users (
                id {PK},
                username TEXT NOT NULL,
                username_key TEXT NOT NULL UNIQUE,
                display_name TEXT,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
                disabled BOOLEAN NOT NULL DEFAULT FALSE,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                last_login_at BIGINT
            )
            """),
        .both("""
            CREATE TABLE sessions (
                id_hash TEXT PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL
            )
            """),
        .both("CREATE INDEX sessions_user ON sessions (user_id)"),
        .both("CREATE INDEX sessions_expiry ON sessions (expires_at)"),
        .both("""
            CREATE TABLE api_tokens (
                id {PK},
                user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                prefix TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                scopes TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT,
                last_used_at BIGINT,
                revoked_at BIGINT
            )
            """),
        .both("CREATE INDEX api_tokens_user ON api_tokens (user_id)"),
        .both("""
            CREATE TABLE workspaces (
                id {PK},
                name TEXT NOT NULL,
                gitlab_url TEXT NOT NULL,
                group_path TEXT NOT NULL,
                group_id BIGINT,
                token_ciphertext {BLOB},
                token_name TEXT,
                token_scopes TEXT,
                token_expires_at BIGINT,
                token_owner TEXT,
                token_checked_at BIGINT,
                token_check_ok BOOLEAN,
                token_check_message TEXT,
                gate_severity TEXT NOT NULL,
                schedule TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (gitlab_url, group_path)
            )
            """),
        .both("""
            CREATE TABLE repositories (
                id {PK},
                workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                gitlab_project_id BIGINT NOT NULL,
                path TEXT NOT NULL,
                web_url TEXT,
                default_branch TEXT,
                last_head_sha TEXT,
                archived BOOLEAN NOT NULL DEFAULT FALSE,
                hook_id BIGINT,
                hook_secret_hash TEXT,
                last_scan_id BIGINT,
                last_scan_at BIGINT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (workspace_id, gitlab_project_id)
            )
            """),
        .both("CREATE INDEX repositories_path ON repositories (workspace_id, path)"),
        .both("""
            CREATE TABLE scans (
                id {PK},
                workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                repository_id BIGINT NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK (kind IN ('full', 'mr', 'push')),
                ref TEXT NOT NULL,
                commit_sha TEXT,
                merge_request_iid BIGINT,
                status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
                job_id BIGINT,
                created_at BIGINT NOT NULL,
                started_at BIGINT,
                finished_at BIGINT,
                error TEXT,
                findings_total BIGINT NOT NULL DEFAULT 0,
                findings_new BIGINT NOT NULL DEFAULT 0,
                findings_fixed BIGINT NOT NULL DEFAULT 0,
                findings_reopened BIGINT NOT NULL DEFAULT 0,
                findings_ignored BIGINT NOT NULL DEFAULT 0,
                superseded BOOLEAN NOT NULL DEFAULT FALSE,
                scanners TEXT
            )
            """),
        .both("CREATE INDEX scans_repository ON scans (repository_id, ref, id)"),
        .both("CREATE INDEX scans_status ON scans (status, id)"),
        // One row per (repository, branch, fingerprint): the finding's identity over time. `state_group` is
        // 0 for open/reopened, 1 fixed, 2 ignored, so the common "open findings" pages read one index range.
        .both("""
            CREATE TABLE findings (
                id {PK},
                workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
                repository_id BIGINT NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
                branch TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                kind TEXT NOT NULL,
                rule_id TEXT NOT NULL,
                title TEXT NOT NULL,
                message TEXT NOT NULL,
                severity TEXT NOT NULL,
                severity_rank BIGINT NOT NULL,
                confidence TEXT NOT NULL,
                path TEXT NOT NULL,
                start_line BIGINT NOT NULL,
                end_line BIGINT NOT NULL,
                commit_sha TEXT,
                state TEXT NOT NULL CHECK (state IN ('open', 'fixed', 'ignored', 'reopened')),
                state_group BIGINT NOT NULL,
                ignore_source TEXT,
                ignore_reason TEXT,
                ignored_by TEXT,
                first_seen_scan_id BIGINT NOT NULL,
                first_seen_at BIGINT NOT NULL,
                last_seen_scan_id BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL,
                fixed_scan_id BIGINT,
                fixed_at BIGINT,
                evidence_preview TEXT,
                evidence_snippet TEXT,
                secret_sha256 TEXT,
                details TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (repository_id, branch, fingerprint)
            )
            """),
        // Each index serves one sort of the findings page, led by the state group the page filters on.
        .both("CREATE INDEX findings_group_severity ON findings (state_group, severity_rank, id)"),
        .both("CREATE INDEX findings_group_last_seen ON findings (state_group, last_seen_at, id)"),
        .both("CREATE INDEX findings_group_first_seen ON findings (state_group, first_seen_at, id)"),
        .both("CREATE INDEX findings_group_path ON findings (state_group, path, start_line, id)"),
        .both("CREATE INDEX findings_repo_severity ON findings (repository_id, state_group, severity_rank, id)"),
        .both("CREATE INDEX findings_repo_last_seen ON findings (repository_id, state_group, last_seen_at, id)"),
        .both("CREATE INDEX findings_kind_severity ON findings (kind, state_group, severity_rank, id)"),
        .both("CREATE INDEX findings_rule ON findings (rule_id, state_group, severity_rank, id)"),
        .both("CREATE INDEX findings_workspace ON findings (workspace_id, state_group, severity_rank, id)"),
        .both("""
            CREATE TABLE finding_events (
                id {PK},
                finding_id BIGINT NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
                type TEXT NOT NULL,
                author TEXT NOT NULL,
                reason TEXT,
                scan_id BIGINT,
                old_value TEXT,
                new_value TEXT,
                created_at BIGINT NOT NULL
            )
            """),
        .both("CREATE INDEX finding_events_finding ON finding_events (finding_id, id)"),
        .both("""
            CREATE TABLE finding_occurrences (
                scan_id BIGINT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
                finding_id BIGINT NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
                path TEXT NOT NULL,
                start_line BIGINT NOT NULL,
                PRIMARY KEY (scan_id, finding_id)
            )
            """),
        .both("CREATE INDEX finding_occurrences_finding ON finding_occurrences (finding_id)"),
        .both("""
            CREATE TABLE jobs (
                id {PK},
                type TEXT NOT NULL,
                payload TEXT NOT NULL,
                dedupe_key TEXT,
                status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
                priority BIGINT NOT NULL DEFAULT 0,
                run_after BIGINT NOT NULL,
                attempts BIGINT NOT NULL DEFAULT 0,
                max_attempts BIGINT NOT NULL,
                lease_owner TEXT,
                lease_expires_at BIGINT,
                last_error TEXT,
                result TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                started_at BIGINT,
                finished_at BIGINT
            )
            """),
        // At most one live job per dedupe key; finished jobs keep theirs for the record.
        .both("CREATE UNIQUE INDEX jobs_dedupe ON jobs (dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running')"),
        .both("CREATE INDEX jobs_ready ON jobs (status, priority, run_after, id)"),
        .both("CREATE INDEX jobs_lease ON jobs (status, lease_expires_at)"),
        .both("""
            CREATE TABLE webhook_deliveries (
                id {PK},
                workspace_id BIGINT REFERENCES workspaces (id) ON DELETE SET NULL,
                event_uuid TEXT NOT NULL UNIQUE,
                event_type TEXT NOT NULL,
                received_at BIGINT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('received', 'queued', 'processed', 'ignored', 'failed')),
                payload_sha256 TEXT NOT NULL,
                job_id BIGINT,
                error TEXT,
                processed_at BIGINT
            )
            """),
        .both("CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at)"),
    ])

    /// The packages of each repository's default branch, as its last successful dependency scan found them:
    /// the dependency list, the workspace-wide "who uses X" search and the SBOM export.
    static let components = Migration(version: 2, name: "components", steps: [
        .both("""
            CREATE TABLE components (
                id {PK},
                repository_id BIGINT NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
                scan_id BIGINT NOT NULL,
                ecosystem TEXT NOT NULL,
                name TEXT NOT NULL,
                name_key TEXT NOT NULL,
                version TEXT,
                purl TEXT,
                scope TEXT,
                direct BOOLEAN,
                license TEXT,
                file TEXT NOT NULL,
                line BIGINT
            )
            """),
        .both("CREATE INDEX components_repository ON components (repository_id, ecosystem, name_key, id)"),
        .both("CREATE INDEX components_name ON components (name_key, id)"),
    ])
}
