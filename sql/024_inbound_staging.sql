-- 024_inbound_staging: a big mail's bytes on their way in. madoguchid
-- streams them here with COPY in slices, in the transaction whose store
-- statement moves them into inbound_messages and deletes the row, so the
-- daemon never holds a big mail whole and the table is empty between
-- transactions.
CREATE TABLE inbound_staging (
    mailbox  text   NOT NULL,
    uid      bigint NOT NULL,
    raw      bytea  NOT NULL,
    PRIMARY KEY (mailbox, uid)
);
GRANT SELECT, INSERT, DELETE ON inbound_staging TO madoguchi_intake;
