#!/usr/bin/env bash
# e2e_resync.sh BUILD_DIR - the mailbox changes under the daemon:
# a new UIDVALIDITY, two daemons on one mailbox, \Seen and move after commit.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
t_require_stack
t_setup resync
t_ctl migrate >/dev/null
t_config_set "$T_CONFIG" imap batch_size 7

# 1. UIDVALIDITY change: the server renumbers the mailbox; nothing is filed twice.
t_make_mails "$T_DIR/a" 30 resync-a
t_imap append "$T_MAILBOX" "$T_DIR"/a/*.eml
t_daemon --once
t_start_worker W
t_check "30 cases" t_wait_for 30 t_has_cases 30
v1=$(t_sql -c "SELECT uidvalidity FROM mailbox_state")
t_imap renumber "$T_MAILBOX"
t_make_mails "$T_DIR/b" 5 resync-b
t_imap append "$T_MAILBOX" "$T_DIR"/b/*.eml
t_daemon --once
t_check "35 cases after the resync" t_wait_for 30 t_has_cases 35
t_check "jobs settle" t_wait_for 30 t_jobs_settled
v2=$(t_sql -c "SELECT uidvalidity FROM mailbox_state")
t_check "UIDVALIDITY changed ($v1 -> $v2)" test "$v1" != "$v2"
t_eq "resync counted" "$(t_sql -c "SELECT resyncs FROM mailbox_state")" 1
t_eq "30 copies recorded as duplicates" \
	"$(t_sql -c "SELECT count(*) FROM inbound_messages WHERE duplicate_of IS NOT NULL")" 30
t_eq "duplicates keep no second copy of the bytes" \
	"$(t_sql -c "SELECT count(*) FROM inbound_messages WHERE duplicate_of IS NOT NULL AND length(raw) > 0")" 0
t_check "resync logged" grep -q "result=resync" "$T_DIR/daemon.log"
t_check_exactly_once 35

# 2. Two daemons on one mailbox: one fetches, the other stands by.
t_make_mails "$T_DIR/c" 200 resync-c
t_imap append "$T_MAILBOX" "$T_DIR"/c/*.eml
t_start_daemon D1 "$T_CONFIG" daemon1
t_start_daemon D2 "$T_CONFIG.second" daemon2
t_check "235 cases with two daemons" t_wait_for 60 t_has_cases 235
t_check "jobs settle" t_wait_for 30 t_jobs_settled
t_check_exactly_once 235
t_eq "one daemon stood by" "$(cat "$T_DIR"/daemon[12].log | grep -c 'result=standby')" 1
t_stop "$D1" "$D2"
# The standby takes over when the active one dies. Which one is active is
# not left to chance: the first holds the mailbox before the second starts.
t_start_daemon D1 "$T_CONFIG" daemon3
t_check "the first daemon holds the mailbox" t_wait_log 30 "$T_DIR/daemon3.log" 'result=selected'
t_start_daemon D2 "$T_CONFIG.second" daemon4
t_check "the second stands by" t_wait_log 30 "$T_DIR/daemon4.log" 'result=standby'
t_kill9 "$D1"
t_make_mails "$T_DIR/d" 3 resync-d
t_imap append "$T_MAILBOX" "$T_DIR"/d/*.eml
t_check "the standby took over" t_wait_log 30 "$T_DIR/daemon4.log" 'result=active \(took over\)'
t_check "and fetched (238 cases)" t_wait_for 30 t_has_cases 238
t_stop "$D2"

# 3. After commit: \Seen, then move to a processed mailbox.
t_config_set "$T_CONFIG" imap after_commit seen
t_make_mails "$T_DIR/e" 4 resync-e
t_imap append "$T_MAILBOX" "$T_DIR"/e/*.eml
t_daemon --once
t_eq "everything stored is \\Seen" "$(t_imap count "$T_MAILBOX" unseen)" 0
t_config_set "$T_CONFIG" imap after_commit move
t_config_set "$T_CONFIG" imap processed_mailbox "$T_MAILBOX-done"
t_make_mails "$T_DIR/f" 6 resync-f
t_imap append "$T_MAILBOX" "$T_DIR"/f/*.eml
t_daemon --once
t_eq "mailbox emptied after commit" "$(t_imap count "$T_MAILBOX")" 0
t_eq "all moved to the processed mailbox" "$(t_imap count "$T_MAILBOX-done")" 248
t_check "248 cases" t_wait_for 30 t_has_cases 248
t_check "jobs settle" t_wait_for 30 t_jobs_settled
t_check_exactly_once 248

# 3b. A batch over the commit group's 512 kB commits with its own statement,
#     outside BEGIN: when that statement fails, nothing of it is stored or
#     flagged; once it can run, everything is, flagged after the commit.
t_config_set "$T_CONFIG" imap after_commit seen
mkdir -p "$T_DIR/g"
for i in $(seq 12); do
	{
		printf 'From: user%d@example.jp\r\nSubject: large %d\r\nMessage-ID: <resync-g-%d@example.jp>\r\n\r\n' "$i" "$i" "$i"
		for l in $(seq 1000); do printf 'line %04d of mail %02d, long enough to fill sixty kB.\r\n' "$l" "$i"; done
	} >"$T_DIR/g/$i.eml"
done
t_imap append "$T_MAILBOX" "$T_DIR"/g/*.eml
t_sql -c "REVOKE INSERT ON jobs FROM madoguchi_intake" >/dev/null
s=0
"$T_BUILD/daemon/madoguchid" -c "$T_CONFIG" --once 2>>"$T_DIR/daemon.log" || s=$?
t_eq "a failed store ends --once with 1" "$s" 1
t_eq "nothing of the failed batch is stored" \
	"$(t_sql -c "SELECT count(*) FROM inbound_messages WHERE message_id LIKE 'resync-g-%'")" 0
t_eq "nor flagged" "$(t_imap count "$T_MAILBOX" unseen)" 12
t_sql -c "GRANT INSERT ON jobs TO madoguchi_intake" >/dev/null
t_daemon --once
t_eq "then all 12 stored, with a job each" \
	"$(t_sql -c "SELECT count(*), count(j.id) FROM inbound_messages i LEFT JOIN jobs j ON j.inbound_id = i.id
		WHERE i.message_id LIKE 'resync-g-%'" | tr '|' ' ')" "12 12"
t_eq "and flagged" "$(t_imap count "$T_MAILBOX" unseen)" 0
t_check "in one pass" grep -q "new=12 stored=12 " "$T_DIR/daemon.log"
t_check "260 cases" t_wait_for 30 t_has_cases 260
t_check "jobs settle" t_wait_for 30 t_jobs_settled
t_check_exactly_once 260

# 4. Over the size cap: stored truncated and quarantined with the reason, never dropped.
t_config_set "$T_CONFIG" imap after_commit none
t_config_set "$T_CONFIG" imap max_message_size 2048
{
	printf 'From: big@example.jp\r\nSubject: big\r\nMessage-ID: <big-1@example.jp>\r\n\r\n'
	for i in $(seq 200); do printf 'line %03d of a long message...............\r\n' "$i"; done
} >"$T_DIR/big.eml"
t_imap append "$T_MAILBOX" "$T_DIR/big.eml"
t_daemon --once
size=$(stat -c %s "$T_DIR/big.eml")
t_eq "big mail stored truncated" \
	"$(t_sql -c "SELECT size || ' ' || length(raw) || ' ' || truncated FROM inbound_messages WHERE message_id = 'big-1@example.jp'")" \
	"$size 2048 true"
t_eq "and quarantined with the reason" \
	"$(t_sql -c "SELECT q.reason FROM quarantine q JOIN inbound_messages i ON i.id = q.inbound_id WHERE i.message_id = 'big-1@example.jp'")" \
	"message of $size bytes exceeds [imap] max_message_size (2048 bytes); only the first 2048 bytes were stored"
t_eq "no job for it" "$(t_sql -c "SELECT count(*) FROM jobs j JOIN inbound_messages i ON i.id = j.inbound_id WHERE i.message_id = 'big-1@example.jp'")" 0
t_check "logged as quarantined" grep -q "result=quarantined" "$T_DIR/daemon.log"

# 5. A big mail under the cap passes through the daemon in slices (COPY into inbound_staging),
#    stored byte for byte with its job; the same bytes again are a duplicate; nothing stays staged.
t_config_set "$T_CONFIG" imap max_message_size 52428800
{
	printf 'From: huge@example.jp\r\nSubject: huge\r\nMessage-ID: <huge-1@example.jp>\r\n'
	printf 'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\n'
	printf 'Content-Type: text/plain; charset=UTF-8\r\n\r\n資料を添付します。\r\n--B\r\n'
	printf 'Content-Type: application/pdf; name="big.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
	head -c $((4 * 1024 * 1024)) /dev/urandom | base64 -w 76 | sed 's/$/\r/'
	printf -- '--B--\r\n'
} >"$T_DIR/huge.eml"
t_imap append "$T_MAILBOX" "$T_DIR/huge.eml" "$T_DIR/huge.eml"
t_daemon --once
sha=$(sha256sum "$T_DIR/huge.eml" | cut -d' ' -f1)
t_eq "the big mail is stored byte for byte, once with its bytes" \
	"$(t_sql -c "SELECT string_agg(encode(sha256(raw), 'hex') || ' ' || (duplicate_of IS NOT NULL),
		',' ORDER BY uid) FROM inbound_messages WHERE message_id = 'huge-1@example.jp'")" \
	"$sha false,$(printf '%s' '' | sha256sum | cut -d' ' -f1) true"
t_eq "one job for it" "$(t_sql -c "SELECT count(*) FROM jobs j JOIN inbound_messages i ON i.id = j.inbound_id
	WHERE i.message_id = 'huge-1@example.jp'")" 1
t_check "it went through in slices" grep -q "size=$(stat -c %s "$T_DIR/huge.eml") result=streamed" "$T_DIR/daemon.log"
t_eq "nothing is left staged" "$(t_sql -c "SELECT count(*) FROM inbound_staging")" 0

t_done
