#!/usr/bin/env bash
# e2e_batch.sh BUILD_DIR KB_DIR - a worker's batch of jobs: the plain new
# requests filed together (numbers, triage, acknowledgements), the rest
# alone after them, in order, so a follow-up of a mail in the same batch
# joins its case; a batch whose transaction fails is filed one job at a
# time, and only the bad mail fails; a stop mid-batch gives the unrun jobs
# back to the queue; a re-run after a crash files nothing twice.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
KB=$2
t_require_stack
t_setup batch
t_ctl migrate >/dev/null
t_ctl kb import "$KB" >/dev/null
t_smtp_sink

# mail FILE FROM MESSAGE-ID SUBJECT BODY [EXTRA-HEADER]
mail() {
	printf 'From: %s\r\nTo: soudan@desk.example.jp\r\nSubject: %s\r\nDate: Mon, 2 Nov 2026 10:00:00 +0900\r\nMessage-ID: <%s>\r\n%sMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s\r\n' \
		"$2" "$4" "$3" "${6:+$6$'\r\n'}" "$5" >"$1"
}
M=$T_DIR/m
mkdir -p "$M"
mail "$M/01.eml" a@example.jp p1@example.jp "ウイルス感染の相談" "パソコンがウイルスに感染したようです。警告が消えません。"
mail "$M/02.eml" b@example.jp p2@example.jp "不正ログインについて" "ネットショップの管理画面に不正ログインされました。"
mail "$M/03.eml" a@example.jp p3@example.jp "Re: ウイルス感染の相談" "追加です。再起動しても同じ警告が出ます。" "In-Reply-To: <p1@example.jp>"
mail "$M/04.eml" c@example.jp p4@example.jp "冊子の送付依頼" "情報セキュリティの冊子を10部送ってください。"
# The same Message-ID and body as 02, other bytes (a second delivery through another relay).
mail "$M/05.eml" b@example.jp p2@example.jp "不正ログインについて" "ネットショップの管理画面に不正ログインされました。" "Received: from relay2.example.jp"
mail "$M/06.eml" d@example.jp p6@example.jp "Out of office" "不在です。" "Auto-Submitted: auto-replied"
{
	printf 'From: e@example.jp\r\nTo: soudan@desk.example.jp\r\nSubject: =?UTF-8?B?5YaZ55yf44KS5re75LuY44GX44G+44GZ?=\r\nMessage-ID: <p7@example.jp>\r\n'
	printf 'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\n'
	printf 'Content-Type: text/plain; charset=UTF-8\r\n\r\n画面の写真を添付します。\r\n--B\r\n'
	printf 'Content-Type: image/png; name="screen.png"\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--B--\r\n'
} >"$M/07.eml"
mail "$M/08.eml" f@example.jp p8@example.jp "フィッシングメール" "銀行を名乗るメールのリンクを開いてしまいました。URLは HTTPS://BANK-Ｅｘａｍｐｌｅ.JP/ΣΟΦΙΑ でした🙇‍♂️"
t_imap append "$T_MAILBOX" "$M"/*.eml
t_daemon --once
t_eq "8 jobs queued" "$(t_sql -c "SELECT count(*) FROM jobs WHERE state = 'queued'")" 8

t_start_worker W
t_check "every job done" t_wait_for 30 t_jobs_settled
case_of() { # the case number of the mail with Message-ID $1 (the first one filed)
	t_sql -c "SELECT c.number FROM case_messages m JOIN cases c ON c.id = m.case_id
		WHERE m.message_id = '$1' AND m.direction = 'in' ORDER BY m.id LIMIT 1"
}
disposition() { t_sql -c "SELECT string_agg(coalesce(disposition, '-'), ',' ORDER BY uid) FROM inbound_messages"; }
t_eq "what each mail became" "$(disposition)" "case,case,followup,case,duplicate,autoreply,case,case"
t_eq "five cases" "$(t_cases)" 5
t_eq "the plain requests went in one statement" \
	"$(grep -c 'result=case batch=4' "$T_DIR/worker.log")" 4
t_eq "the follow-up in the same batch joined its case" "$(case_of p3@example.jp)" "$(case_of p1@example.jp)"
t_check "filed after it, alone" grep -q "inbound=3 result=followup" "$T_DIR/worker.log"
t_eq "the batch's cases are numbered in mail order" \
	"$(t_sql -c "SELECT string_agg(right(c.number, 6), ',' ORDER BY m.inbound_id) FROM cases c
		JOIN case_messages m ON m.case_id = c.id AND m.direction = 'in'
		WHERE m.message_id IN ('p1@example.jp', 'p2@example.jp', 'p4@example.jp', 'p8@example.jp')")" \
	"000001,000002,000003,000004"
t_eq "the mail with an attachment has its case and attachment" \
	"$(t_sql -c "SELECT count(*) FROM attachments a JOIN case_messages m ON m.id = a.case_message_id
		WHERE m.message_id = 'p7@example.jp'")" 1
t_eq "triaged in the batch like alone" \
	"$(t_sql -c "SELECT count(*) FROM cases WHERE triage IS NOT NULL AND category IS NOT NULL")" 5
t_eq "each case's search set is what the database computes from its texts" \
	"$(t_sql -c "SELECT count(*) FROM cases WHERE bigrams <> case_bigrams(id, subject)")" 0
t_eq "with upper case, full-width and emoji read as in SQL" \
	"$(t_ctl list --search 'ｅｘ' | grep -c フィッシング)" 1
t_eq "a guidebook request is one in its triage" \
	"$(t_sql -c "SELECT triage->'material_request'->>'copies' FROM cases c JOIN case_messages m
		ON m.case_id = c.id WHERE m.message_id = 'p4@example.jp'")" 10
t_eq "one acknowledgement per new case, none for the rest" \
	"$(t_sql -c "SELECT string_agg(rcpt, ',' ORDER BY rcpt) FROM outbox WHERE kind = 'ack'")" \
	"a@example.jp,b@example.jp,c@example.jp,e@example.jp,f@example.jp"
t_eq "each acknowledgement is with its case" \
	"$(t_sql -c "SELECT count(*) FROM case_messages m JOIN outbox o ON o.message_id = m.message_id
		AND o.case_id = m.case_id WHERE m.kind = 'ack'")" 5
t_check "and they are sent" t_wait_for 20 test "$(find "$SINK" -name '*.eml' | wc -l)" -ge 5
t_stop "$W"

# A re-run after a crash: the batch committed, its jobs are claimed again (as if the
# worker died before the commit became known): nothing is filed twice.
t_sql -c "UPDATE jobs SET state = 'queued'" >/dev/null
t_start_worker W
t_check "the re-run settles" t_wait_for 20 t_jobs_settled
t_eq "still five cases" "$(t_cases)" 5
t_eq "still five acknowledgements" "$(t_sql -c "SELECT count(*) FROM outbox WHERE kind = 'ack'")" 5
t_check "the batch saw them filed" grep -q "result=already-filed" "$T_DIR/worker.log"
t_stop "$W"

# A batch whose transaction fails: every job runs alone, and only the bad one fails.
t_config_set "$T_CONFIG" worker max_attempts 2
t_sql -c "CREATE FUNCTION batch_poison() RETURNS trigger LANGUAGE plpgsql AS \$\$
	BEGIN IF NEW.subject LIKE '%poison%' THEN RAISE EXCEPTION 'poisoned case'; END IF;
	RETURN NEW; END \$\$;
	CREATE TRIGGER batch_poison BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION batch_poison()" >/dev/null
mkdir -p "$T_DIR/p"
mail "$T_DIR/p/1.eml" g@example.jp q1@example.jp "詐欺サイトの相談" "偽の通販サイトで代金を振り込んでしまいました。"
mail "$T_DIR/p/2.eml" h@example.jp q2@example.jp "poison" "このメールは登録できません。"
mail "$T_DIR/p/3.eml" i@example.jp q3@example.jp "ランサムウェア" "ファイルが暗号化されて開けません。"
t_imap append "$T_MAILBOX" "$T_DIR"/p/*.eml
t_daemon --once
mark=$(t_log_mark "$T_DIR/worker.log")
t_start_worker W
t_check "the good mails are filed" t_wait_for 30 t_has_cases 7
poison_dead() { [ "$(t_sql -c "SELECT j.state FROM jobs j JOIN inbound_messages i ON i.id = j.inbound_id
	WHERE i.message_id = 'q2@example.jp'")" = dead ]; }
t_check "the bad one fails alone, up to max_attempts" t_wait_for 30 poison_dead
t_check "the batch was rolled back and filed one by one" \
	t_log_since "$T_DIR/worker.log" "$mark" "result=rolled back"
t_eq "its reason is kept" "$(t_sql -c "SELECT j.last_error FROM jobs j JOIN inbound_messages i
	ON i.id = j.inbound_id WHERE i.message_id = 'q2@example.jp'")" "database: cannot file the message"
t_eq "seven cases, none for it" "$(t_cases)" 7
t_stop "$W"
t_sql -c "DROP TRIGGER batch_poison ON cases" >/dev/null

# A stop in the middle of a batch: the job in hand finishes, the unrun ones are queued
# again at once, with their attempt given back. Mail with an attachment is filed alone,
# and a trigger makes each take a while, so the stop comes with most of them unrun.
t_sql -c "CREATE FUNCTION batch_slow() RETURNS trigger LANGUAGE plpgsql AS \$\$
	BEGIN PERFORM pg_sleep(0.3); RETURN NEW; END \$\$;
	CREATE TRIGGER batch_slow BEFORE INSERT ON attachments FOR EACH ROW EXECUTE FUNCTION batch_slow()" >/dev/null
mkdir -p "$T_DIR/s"
for i in $(seq 10); do sed -e "s/p7@/s$i@/" -e "s/^From: e@/From: s$i@/" "$M/07.eml" >"$T_DIR/s/$i.eml"; done
t_imap append "$T_MAILBOX" "$T_DIR"/s/*.eml
t_daemon --once
mark=$(t_log_mark "$T_DIR/worker.log")
t_start_worker W
started() { t_log_since "$T_DIR/worker.log" "$mark" "result=case"; }
t_check "the batch has begun" t_wait_for 20 started
t_stop "$W"
t_eq "no job is left running" "$(t_sql -c "SELECT count(*) FROM jobs WHERE state = 'running'")" 0
released=$(t_sql -c "SELECT count(*) FROM jobs WHERE state = 'queued' AND attempts = 0")
t_check "the unrun jobs are queued again, unused ($released)" test "$released" -ge 5
t_sql -c "DROP TRIGGER batch_slow ON attachments" >/dev/null
t_start_worker W
none_waiting() { [ "$(t_sql -c "SELECT count(*) FROM jobs WHERE state IN ('queued', 'running')")" = 0 ]; }
t_check "another run files them" t_wait_for 30 none_waiting
t_eq "each once" "$(t_sql -c "SELECT count(*) FROM case_messages WHERE message_id LIKE 's%@example.jp'")" 10
t_stop "$W"

t_done
