-- Indexes for the read API's filters on the monthly roll-ups (one script for SQLite and PostgreSQL).
-- run_months' primary key starts with day, so a time range (created_ms) or one project's dashboard (vendor,
-- project) read every folded row; raw runs already have runs_created and runs_project. Only the roll-up writes
-- run_months, so these cost ingest nothing.
CREATE INDEX run_months_created ON run_months (created_ms);
CREATE INDEX run_months_project ON run_months (vendor, project, created_ms);
