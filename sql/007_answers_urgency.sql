-- 007_answers_urgency: staff-edited answer templates, urgency labels on examples.
--
-- A template version says where it came from: 'import' (config/kb/answers)
-- or 'staff' (madoctl answer edit/add). An import never overwrites a
-- template whose newest version is a staff edit: the desk's wording wins
-- over the shipped default, and the history keeps both.
ALTER TABLE answer_templates ADD COLUMN origin text NOT NULL DEFAULT 'import'
    CHECK (origin IN ('import', 'staff'));
ALTER TABLE answer_templates ADD COLUMN note text;

-- Whether the example describes damage happening now (NULL: not labelled).
ALTER TABLE kb_examples ADD COLUMN urgent boolean;
