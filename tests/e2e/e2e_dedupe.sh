#!/usr/bin/env bash
# e2e_dedupe.sh BUILD_DIR - identical mails that arrive in one batch: the
# first copy is stored with its job, every later copy (same bytes, same
# Message-ID) is recorded as its duplicate without bytes or job. The same
# Message-ID with different bytes is a different mail and is kept.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
t_require_stack
t_setup dedupe
t_ctl migrate >/dev/null
# Everything appended below fits in one UID FETCH and one INSERT.
t_config_set "$T_CONFIG" imap batch_size 50
# Every mail here comes from one sender with a subject of its own, except the
# two that share a Message-ID (and so a subject): counted as two cases, not
# as a request and its follow-up by sender and subject.
t_config_set "$T_CONFIG" worker heuristic_join_days 0

# mail FILE MESSAGE-ID BODY: a small plain-text mail.
mail() {
	printf 'From: =?UTF-8?B?5bGx55Sw?= <yamada@example.jp>\r\nTo: soudan@desk.example.jp\r\nSubject: dedupe %s\r\nDate: Mon, 2 Nov 2026 10:00:00 +0900\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n%s\r\n' \
		"$2" "$2" "$3" >"$1"
}
# rows WHERE: how many inbound rows match.
rows() { t_sql -c "SELECT count(*) FROM inbound_messages WHERE $1"; }

# 1. The same mail three times in one batch, between two others.
mail "$T_DIR/same.eml" same-1@example.jp 'PCがウイルスに感染したようです。'
mail "$T_DIR/other-1.eml" other-1@example.jp 'ネットショップの偽サイトがあります。'
mail "$T_DIR/other-2.eml" other-2@example.jp '請求書のメールが届きました。'
for f in same other-1 same other-2 same; do t_imap append "$T_MAILBOX" "$T_DIR/$f.eml"; done
t_daemon --once
first=$(t_sql -c "SELECT id FROM inbound_messages WHERE message_id = 'same-1@example.jp' ORDER BY uid LIMIT 1")
t_eq "5 messages stored" "$(rows true)" 5
t_eq "3 originals stored" "$(rows 'duplicate_of IS NULL')" 3
t_eq "the first copy is the original, with its bytes" \
	"$(rows "id = $first AND duplicate_of IS NULL AND length(raw) = size")" 1
t_eq "the 2 later copies are duplicates of the first" \
	"$(rows "duplicate_of = $first AND message_id = 'same-1@example.jp'")" 2
t_eq "duplicates keep no second copy of the bytes" "$(rows 'duplicate_of IS NOT NULL AND length(raw) > 0')" 0
t_eq "and are marked as such for staff" "$(rows "duplicate_of IS NOT NULL AND disposition = 'duplicate'")" 2
t_eq "the duplicates are the later UIDs" \
	"$(rows "duplicate_of IS NOT NULL AND uid <= (SELECT uid FROM inbound_messages WHERE id = $first)")" 0
t_eq "3 jobs" "$(t_sql -c 'SELECT count(*) FROM jobs')" 3
t_eq "no job for a duplicate" \
	"$(t_sql -c 'SELECT count(*) FROM jobs j JOIN inbound_messages i ON i.id = j.inbound_id WHERE i.duplicate_of IS NOT NULL')" 0
t_eq "daemon logged 2 duplicates" "$(grep -c 'result=duplicate' "$T_DIR/daemon.log" || true)" 2
t_start_worker W
t_check "3 cases" t_wait_for 30 t_has_cases 3
t_check "jobs settle" t_wait_for 30 t_jobs_settled
t_check_exactly_once 3
t_daemon --once
t_eq "a second pass stores nothing" "$(rows true)" 5

# 2. Same Message-ID, different bytes, in one batch: two mails, both kept.
# A third copy of the first mail goes with them: a duplicate of the copy
# stored by the earlier batch.
mail "$T_DIR/reused-1.eml" reused@example.jp '最初のメールです。'
mail "$T_DIR/reused-2.eml" reused@example.jp '本文の違う二通目です。'
for f in reused-1 same reused-2; do t_imap append "$T_MAILBOX" "$T_DIR/$f.eml"; done
t_daemon --once
t_eq "same Message-ID, different bytes: both stored as originals" \
	"$(rows "message_id = 'reused@example.jp' AND duplicate_of IS NULL AND length(raw) = size")" 2
t_eq "each with its job" \
	"$(t_sql -c "SELECT count(*) FROM jobs j JOIN inbound_messages i ON i.id = j.inbound_id WHERE i.message_id = 'reused@example.jp'")" 2
t_eq "a copy of a mail stored before is its duplicate" "$(rows "duplicate_of = $first")" 3
t_eq "marked as a duplicate" "$(rows "duplicate_of = $first AND disposition = 'duplicate' AND length(raw) = 0")" 3
t_eq "daemon logged 3 duplicates in all" "$(grep -c 'result=duplicate' "$T_DIR/daemon.log" || true)" 3
t_check "5 cases" t_wait_for 30 t_has_cases 5
t_check "jobs settle" t_wait_for 30 t_jobs_settled
t_eq "both filed" "$(t_sql -c "SELECT count(*) FROM case_messages WHERE message_id = 'reused@example.jp'")" 2

t_stop "$W"
t_done
