-- 023_roles: each program works under a role that can do its job and no
-- more (lib/db/db.c: db_use_role). The login that runs the migrations (the
-- database's owner, with CREATEROLE) becomes a member of each, so one
-- login can serve every program; or a login per program, granted just its
-- role. Roles belong to the cluster: a second desk on it shares them.
--   madoguchi_intake  madoguchid: stores raw mail and its jobs; reads no case
--   madoguchi_worker  the workers: files cases, sends the outbox
--   madoguchi_staff   madoctl: works the cases; deletes no raw mail
--   madoguchi_admin   madoctl purge (madoctl migrate runs as the owner)
DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['madoguchi_intake', 'madoguchi_worker', 'madoguchi_staff',
                             'madoguchi_admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
        EXECUTE format('GRANT %I TO %I', r, current_user);
        EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', r);
        EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %I', r);
        EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO %I', r);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO %I', r);
    END LOOP;
END $$;

-- The intake: raw mail and its jobs, the mailbox's bookkeeping, its health.
GRANT SELECT, INSERT ON inbound_messages, jobs TO madoguchi_intake;
GRANT UPDATE (disposition, duplicate_of) ON inbound_messages TO madoguchi_intake;
GRANT SELECT, INSERT, UPDATE ON mailbox_state, mailbox_health TO madoguchi_intake;
GRANT SELECT, INSERT, UPDATE, DELETE ON service_heartbeats TO madoguchi_intake;
GRANT SELECT, INSERT ON quarantine TO madoguchi_intake;

-- The workers and the staff: the cases and all that goes with them.
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO madoguchi_worker, madoguchi_staff;
GRANT DELETE ON service_heartbeats, case_links, case_referrals, attachments TO madoguchi_worker, madoguchi_staff;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE ON TABLES TO madoguchi_worker, madoguchi_staff;
-- Raw mail is evidence: the staff may read it and mark it, never change or delete it.
REVOKE UPDATE ON inbound_messages FROM madoguchi_staff;
GRANT UPDATE (disposition) ON inbound_messages TO madoguchi_staff;

-- The admin: everything, for purge.
GRANT ALL ON ALL TABLES IN SCHEMA public TO madoguchi_admin;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO madoguchi_admin;
