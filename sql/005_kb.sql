-- 005_kb: the desk's knowledge base, versioned.
--
-- Each `madoctl kb import` that changes anything makes a new version; the
-- newest is the one in force, older ones stay for the record (and for the
-- decisions taken under them). Answer templates are versioned one by one,
-- since staff edit them between imports.
CREATE TABLE kb_versions (
    id           serial PRIMARY KEY,
    sha256       bytea       NOT NULL,
    source       text        NOT NULL,
    imported_by  text        NOT NULL,
    imported_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE kb_categories (
    version_id        integer NOT NULL REFERENCES kb_versions (id),
    code              text    NOT NULL,
    seed_ref          text    NOT NULL,
    label_ja          text    NOT NULL,
    intent            text    NOT NULL CHECK (intent IN ('consultation', 'material_request', 'other')),
    urgent_default    boolean NOT NULL,
    default_referrals text[]  NOT NULL,
    guidebook_pages   text[]  NOT NULL,
    description_ja    text    NOT NULL,
    PRIMARY KEY (version_id, code)
);

CREATE TABLE kb_phrases (
    version_id  integer NOT NULL REFERENCES kb_versions (id),
    code        text    NOT NULL,
    weight      integer NOT NULL CHECK (weight BETWEEN 1 AND 5),
    phrase      text    NOT NULL
);
CREATE INDEX kb_phrases_version ON kb_phrases (version_id);

CREATE TABLE kb_examples (
    version_id  integer NOT NULL REFERENCES kb_versions (id),
    code        text    NOT NULL,
    example     text    NOT NULL
);
CREATE INDEX kb_examples_version ON kb_examples (version_id);

CREATE TABLE kb_referrals (
    version_id          integer NOT NULL REFERENCES kb_versions (id),
    code                text    NOT NULL,
    name_ja             text    NOT NULL,
    kind                text    NOT NULL CHECK (kind IN ('相談', '届出', '通報')),
    phone               text,
    email               text,
    form_url            text,
    when_ja             text    NOT NULL,
    source              text    NOT NULL,
    verified_on         date,
    needs_verification  boolean NOT NULL,
    note                text
);
CREATE INDEX kb_referrals_version ON kb_referrals (version_id, code);

CREATE TABLE answer_templates (
    id          text        NOT NULL,
    version     integer     NOT NULL,
    category    text        NOT NULL,
    title       text        NOT NULL,
    body        text        NOT NULL,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, version)
);
