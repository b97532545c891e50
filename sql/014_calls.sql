-- 014_calls: consultations by telephone and at the desk are cases too, with
-- what the answering manual asks at the start of every call.
ALTER TABLE cases DROP CONSTRAINT cases_channel_check;
ALTER TABLE cases ADD CONSTRAINT cases_channel_check
    CHECK (channel IN ('mail', 'fax', 'eapp', 'phone', 'visit'));
ALTER TABLE cases
    ADD COLUMN organisation        text,
    -- how the caller learned of the desk (きっかけ)
    ADD COLUMN source              text,
    -- where they consulted before, 'no' when nowhere, NULL when not asked
    ADD COLUMN consulted_elsewhere text,
    -- 経営者, システム管理者, 一般の従業員
    ADD COLUMN caller_role         text CHECK (caller_role IN ('owner', 'admin', 'staff')),
    -- whether an IT vendor maintains their systems
    ADD COLUMN it_vendor           boolean;
