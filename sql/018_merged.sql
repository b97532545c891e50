-- 018_merged: show asks every case which cases were merged into it; on a
-- desk of a million cases that must not read the table.
CREATE INDEX cases_merged_into ON cases (merged_into) WHERE merged_into IS NOT NULL;
