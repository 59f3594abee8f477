-- One script for SQLite and PostgreSQL: only types and statements both understand.
-- Ids of dimensions are hashes computed by the server (no sequences), so several servers and a
-- distributed PostgreSQL agree on them without coordination.

-- The durable inbox: a report is here, committed, before the API answers 202. The primary key is the
-- report id, so a resend (or a second server) stores nothing twice; ids stay after the body is dropped.
CREATE TABLE inbox (
    report_id       TEXT    NOT NULL PRIMARY KEY,
    received_ms     BIGINT  NOT NULL,
    body            TEXT,
    state           INTEGER NOT NULL DEFAULT 0, -- 0 pending, 1 done, 2 failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms BIGINT  NOT NULL DEFAULT 0,
    last_error      TEXT
);
CREATE INDEX inbox_due ON inbox (state, next_attempt_ms);

-- Environment dimensions: '' where the report said null.
CREATE TABLE environments (
    env_id             BIGINT NOT NULL PRIMARY KEY,
    java_version       TEXT   NOT NULL,
    java_vendor        TEXT   NOT NULL,
    os_name            TEXT   NOT NULL,
    os_version         TEXT   NOT NULL,
    arch               TEXT   NOT NULL,
    ci                 TEXT   NOT NULL,
    build_tool         TEXT   NOT NULL,
    build_tool_version TEXT   NOT NULL,
    client_adapter     TEXT   NOT NULL,
    client_version     TEXT   NOT NULL
);

-- The set of frameworks of a run (a run may use several engines); the empty set has no member rows.
CREATE TABLE framework_sets (
    fw_set_id BIGINT NOT NULL,
    name      TEXT   NOT NULL,
    version   TEXT   NOT NULL,
    PRIMARY KEY (fw_set_id, name, version)
);

-- One row per stored report. Measures are stored as sums with their counts (n_runs = 1 here), the same
-- columns as run_months, so every read query works on the union of both (the facts view).
CREATE TABLE runs (
    report_id        TEXT    NOT NULL PRIMARY KEY,
    received_ms      BIGINT  NOT NULL,
    day              TEXT    NOT NULL,
    created_ms       BIGINT  NOT NULL,
    vendor           TEXT    NOT NULL,
    project          TEXT    NOT NULL,
    anonymized       TEXT    NOT NULL,
    env_id           BIGINT  NOT NULL,
    fw_set_id        BIGINT  NOT NULL,
    n_runs           BIGINT  NOT NULL,
    classes          BIGINT  NOT NULL,
    methods          BIGINT  NOT NULL,
    tests_total      BIGINT  NOT NULL,
    tests_passed     BIGINT  NOT NULL,
    tests_failed     BIGINT  NOT NULL,
    tests_errored    BIGINT  NOT NULL,
    tests_skipped    BIGINT  NOT NULL,
    tests_aborted    BIGINT  NOT NULL,
    tests_incomplete BIGINT  NOT NULL,
    tests_flaky      BIGINT  NOT NULL,
    exceptions       BIGINT  NOT NULL,
    errors           BIGINT  NOT NULL,
    duration_ms      BIGINT  NOT NULL,
    duration_min     BIGINT  NOT NULL,
    duration_max     BIGINT  NOT NULL,
    forks            BIGINT  NOT NULL,
    n_assert         BIGINT  NOT NULL,
    assert_total     BIGINT  NOT NULL,
    assert_passed    BIGINT  NOT NULL,
    assert_failed    BIGINT  NOT NULL,
    n_void           BIGINT  NOT NULL,
    tests_void       BIGINT  NOT NULL,
    n_heap           BIGINT  NOT NULL,
    heap_sum         BIGINT  NOT NULL,
    heap_min         BIGINT,
    heap_max         BIGINT,
    n_cov            BIGINT  NOT NULL,
    line_c           BIGINT  NOT NULL,
    line_m           BIGINT  NOT NULL,
    branch_c         BIGINT  NOT NULL,
    branch_m         BIGINT  NOT NULL,
    instr_c          BIGINT  NOT NULL,
    instr_m          BIGINT  NOT NULL,
    method_c         BIGINT  NOT NULL,
    method_m         BIGINT  NOT NULL,
    cplx_c           BIGINT  NOT NULL,
    cplx_m           BIGINT  NOT NULL
);
CREATE INDEX runs_created ON runs (created_ms);
CREATE INDEX runs_project ON runs (vendor, project);

-- Monthly roll-up of old runs: one row per month and tag combination, exact sums and counts, min/max.
-- day is the first day of the month, created_ms its first millisecond (UTC).
CREATE TABLE run_months (
    day              TEXT    NOT NULL,
    created_ms       BIGINT  NOT NULL,
    vendor           TEXT    NOT NULL,
    project          TEXT    NOT NULL,
    anonymized       TEXT    NOT NULL,
    env_id           BIGINT  NOT NULL,
    fw_set_id        BIGINT  NOT NULL,
    n_runs           BIGINT  NOT NULL,
    classes          BIGINT  NOT NULL,
    methods          BIGINT  NOT NULL,
    tests_total      BIGINT  NOT NULL,
    tests_passed     BIGINT  NOT NULL,
    tests_failed     BIGINT  NOT NULL,
    tests_errored    BIGINT  NOT NULL,
    tests_skipped    BIGINT  NOT NULL,
    tests_aborted    BIGINT  NOT NULL,
    tests_incomplete BIGINT  NOT NULL,
    tests_flaky      BIGINT  NOT NULL,
    exceptions       BIGINT  NOT NULL,
    errors           BIGINT  NOT NULL,
    duration_ms      BIGINT  NOT NULL,
    duration_min     BIGINT  NOT NULL,
    duration_max     BIGINT  NOT NULL,
    forks            BIGINT  NOT NULL,
    n_assert         BIGINT  NOT NULL,
    assert_total     BIGINT  NOT NULL,
    assert_passed    BIGINT  NOT NULL,
    assert_failed    BIGINT  NOT NULL,
    n_void           BIGINT  NOT NULL,
    tests_void       BIGINT  NOT NULL,
    n_heap           BIGINT  NOT NULL,
    heap_sum         BIGINT  NOT NULL,
    heap_min         BIGINT,
    heap_max         BIGINT,
    n_cov            BIGINT  NOT NULL,
    line_c           BIGINT  NOT NULL,
    line_m           BIGINT  NOT NULL,
    branch_c         BIGINT  NOT NULL,
    branch_m         BIGINT  NOT NULL,
    instr_c          BIGINT  NOT NULL,
    instr_m          BIGINT  NOT NULL,
    method_c         BIGINT  NOT NULL,
    method_m         BIGINT  NOT NULL,
    cplx_c           BIGINT  NOT NULL,
    cplx_m           BIGINT  NOT NULL,
    PRIMARY KEY (day, vendor, project, anonymized, env_id, fw_set_id)
);

CREATE VIEW facts AS
SELECT day, created_ms, vendor, project, anonymized, env_id, fw_set_id, n_runs, classes, methods, tests_total,
       tests_passed, tests_failed, tests_errored, tests_skipped, tests_aborted, tests_incomplete, tests_flaky,
       exceptions, errors, duration_ms, duration_min, duration_max, forks, n_assert, assert_total, assert_passed,
       assert_failed, n_void, tests_void, n_heap, heap_sum, heap_min, heap_max, n_cov, line_c, line_m, branch_c,
       branch_m, instr_c, instr_m, method_c, method_m, cplx_c, cplx_m
  FROM runs
UNION ALL
SELECT day, created_ms, vendor, project, anonymized, env_id, fw_set_id, n_runs, classes, methods, tests_total,
       tests_passed, tests_failed, tests_errored, tests_skipped, tests_aborted, tests_incomplete, tests_flaky,
       exceptions, errors, duration_ms, duration_min, duration_max, forks, n_assert, assert_total, assert_passed,
       assert_failed, n_void, tests_void, n_heap, heap_sum, heap_min, heap_max, n_cov, line_c, line_m, branch_c,
       branch_m, instr_c, instr_m, method_c, method_m, cplx_c, cplx_m
  FROM run_months;

-- Release annotations (GitHub webhook or POST /api/v1/releases).
CREATE TABLE releases (
    release_id   TEXT   NOT NULL PRIMARY KEY,
    repository   TEXT   NOT NULL,
    tag          TEXT   NOT NULL,
    name         TEXT   NOT NULL,
    url          TEXT   NOT NULL,
    published_ms BIGINT NOT NULL,
    source       TEXT   NOT NULL
);
CREATE INDEX releases_published ON releases (published_ms);
