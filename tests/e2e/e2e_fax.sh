#!/usr/bin/env bash
# e2e_fax.sh BUILD_DIR FAX_DIR - faxes end to end: a typed Japanese fax
# dropped into the spool (plain and HylaFAX layouts), a fax-to-mail gateway
# mail, and an unreadable fax. Each becomes a fax case whose OCR text holds
# the requester's phone number and the copies requested.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
FAXES=$2
t_require_stack
t_setup fax
t_ctl migrate >/dev/null
SPOOL=$T_DIR/spool
mkdir -p "$SPOOL"
t_config_set "$T_CONFIG" fax spool_dir "$SPOOL"
t_config_set "$T_CONFIG" fax settle 3
t_config_set "$T_CONFIG" fax gateways "faxgw@gw.example.jp"
# Digits as a clerk would read them: full-width to ASCII, OCR's O for 0, separators dropped.
digits() { sed 's/[-ー－‐—―─ 　]//g; s/[Oo〇]/0/g; y/０１２３４５６７８９/0123456789/' | tr -d '\n\f'; }
expect() { awk -F'\t' -v f="$1" -v c="$2" '$1 == f { print $c }' "$FAXES/expected.tsv"; }
case_json() { t_ctl show "$(t_sql -c "SELECT number FROM cases WHERE $1 ORDER BY id DESC LIMIT 1")" --json; }

t_imap append "$T_MAILBOX" # create it: the daemon watches it from the start
t_start_worker W
t_start_daemon D

# 1. Plain spool: a fax arrives slowly, in four parts 0.3 s apart (well
# inside the 3 s settle time); only the complete file may be taken.
size=$(stat -c %s "$FAXES/fax01.tif")
printf 'number = 03-1234-5679\ncsid = YAMADA SEISAKUSHO\npages = 1\nreceived = 2026-11-20 10:15\n' \
	>"$SPOOL/in-0001.meta"
part=$(((size + 3) / 4))
for k in 0 1 2 3; do
	dd if="$FAXES/fax01.tif" iflag=skip_bytes,count_bytes skip=$((k * part)) count="$part" \
		status=none >>"$SPOOL/in-0001.tif"
	[ "$k" = 3 ] || sleep 0.3
done
t_check "the daemon saw the fax still being written" \
	t_wait_log 30 "$T_DIR/daemon.log" 'file=in-0001.tif result=waiting reason="changed'
t_eq "and did not take it then" "$(t_sql -c 'SELECT count(*) FROM inbound_messages')" 0
t_check "fax case filed" t_wait_for 90 t_has_cases 1
j=$(case_json "channel = 'fax'")
t_eq "channel" "$(jq -r .channel <<<"$j")" fax
t_eq "sender number from the sidecar" "$(jq -r .fax_number <<<"$j")" "03-1234-5679"
t_eq "CSID" "$(jq -r .fax_csid <<<"$j")" "YAMADA SEISAKUSHO"
text=$(jq -r '.messages[0].text' <<<"$j")
t_check "OCR text holds the phone number $(expect fax01.tif 3)" \
	grep -q "$(expect fax01.tif 3)" <<<"$(digits <<<"$text")"
t_check "OCR text holds the copies requested ($(expect fax01.tif 4))" \
	grep -q "$(expect fax01.tif 4)冊" <<<"$(digits <<<"$text")"
t_eq "image kept with the case" "$(jq -r '.documents[0].kind + " " + .documents[0].content_type' <<<"$j")" \
	"fax_image image/tiff"
t_eq "size of the image" "$(jq -r '.documents[0].size' <<<"$j")" "$size"
t_eq "readable fax not marked for manual reading" "$(jq -r .needs_manual_reading <<<"$j")" false
t_eq "subject from the fax's 件名 line" "$(jq -r .subject <<<"$j")" \
	"FAX YAMADA SEISAKUSHO (03-1234-5679): ガイドブック送付のお願い"
t_check "moved aside after commit" test -f "$SPOOL/done/in-0001.tif" -a -f "$SPOOL/done/in-0001.meta"
t_check "spool emptied" test ! -e "$SPOOL/in-0001.tif"
# A part taken early would be a second stored fax with other bytes.
t_eq "stored once, the bytes of the whole fax" \
	"$(t_sql -c "SELECT encode(raw_sha256, 'hex') FROM inbound_messages WHERE channel = 'fax'")" \
	"$(sha256sum "$FAXES/fax01.tif" | cut -d' ' -f1)"

# 2. Fax-to-mail: a gateway's mail with the fax attached as a PDF is a fax case.
{
	printf 'From: FAX Gateway <faxgw@gw.example.jp>\r\nTo: soudan@desk.example.jp\r\n'
	printf 'Subject: FAX from 03-3882-4568\r\nMessage-ID: <fax-gw-1@gw.example.jp>\r\n'
	printf 'Date: Fri, 20 Nov 2026 11:00:00 +0900\r\nMIME-Version: 1.0\r\n'
	printf 'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n'
	printf 'Content-Type: text/plain; charset=us-ascii\r\n\r\nYou have received a fax.\r\n--b1\r\n'
	printf 'Content-Type: application/pdf; name="fax08.pdf"\r\nContent-Transfer-Encoding: base64\r\n'
	printf 'Content-Disposition: attachment; filename="fax08.pdf"\r\n\r\n'
	base64 "$FAXES/fax08.pdf" | sed 's/$/\r/'
	printf -- '--b1--\r\n'
} >"$T_DIR/gateway.eml"
t_imap append "$T_MAILBOX" "$T_DIR/gateway.eml"
t_check "gateway fax filed" t_wait_for 90 t_has_cases 2
j=$(case_json "fax_csid = 'faxgw@gw.example.jp'")
t_eq "gateway mail is a fax case" "$(jq -r .channel <<<"$j")" fax
t_check "its OCR text (read from the PDF) holds the phone number" \
	grep -q "$(expect fax08.pdf 3)" <<<"$(jq -r '.messages[0].text' <<<"$j" | digits)"
t_eq "its document is the attachment" "$(jq -r '.documents[0].filename + " " + .documents[0].content_type' <<<"$j")" \
	"fax08.pdf application/pdf"

# 3. An unreadable fax is filed all the same, marked for manual reading.
cp "$FAXES/noise.tif" "$SPOOL/in-0002.tif"
t_check "noise fax filed" t_wait_for 90 t_has_cases 3
j=$(case_json "id = (SELECT max(id) FROM cases)")
t_eq "noise: marked for manual reading" "$(jq -r .needs_manual_reading <<<"$j")" true
t_check "noise: the subject says so ($(jq -r .subject <<<"$j"))" jq -e '.subject | contains("要手動読取")' <<<"$j"

# 4. The same fax again (a resend) is recorded once.
cp "$FAXES/fax01.tif" "$SPOOL/in-0003.tif"
dup() { [ "$(t_sql -c "SELECT count(*) FROM inbound_messages WHERE duplicate_of IS NOT NULL")" = 1 ]; }
t_check "identical fax recorded as a duplicate" t_wait_for 20 dup
t_eq "no case for the duplicate" "$(t_cases)" 3
t_stop "$D"

# 5. HylaFAX recvq: a file still locked by the receiving faxgetty is left alone.
HY=$T_DIR/recvq
mkdir -p "$HY"
cp "$T_CONFIG" "$T_DIR/hylafax.conf"
t_config_set "$T_DIR/hylafax.conf" fax spool_dir "$HY"
t_config_set "$T_DIR/hylafax.conf" fax layout hylafax
t_config_set "$T_DIR/hylafax.conf" fax settle 0
cp "$FAXES/fax04.tif" "$HY/fax00001.tif"
cp "$FAXES/fax01.txt" "$HY/notafax.txt"
# The lock is held until the test lets go, and the test goes on only once it is held.
flock "$HY/fax00001.tif" sh -c ': >"$1/locked"; while [ ! -e "$1/release" ]; do sleep 0.1; done' \
	sh "$T_DIR" &
t_track $! "flock holding the fax"
LOCKER=$!
t_check "the fax is locked" t_wait_for 10 test -e "$T_DIR/locked"
t_start_daemon D "$T_DIR/hylafax.conf" hylafax
t_check "the daemon saw the locked fax" \
	t_wait_log 30 "$T_DIR/hylafax.log" 'file=fax00001.tif result=waiting reason="locked'
t_eq "and did not take it" "$(t_cases)" 3
: >"$T_DIR/release"
t_wait_exit "$LOCKER"
t_check "taken once unlocked" t_wait_for 90 t_has_cases 4
t_check "other files left alone" test -f "$HY/notafax.txt"
j=$(case_json "id = (SELECT max(id) FROM cases)")
t_check "HylaFAX fax read: phone $(expect fax04.tif 3)" \
	grep -q "$(expect fax04.tif 3)" <<<"$(jq -r '.messages[0].text' <<<"$j" | digits)"
t_check "jobs settle" t_wait_for 30 t_jobs_settled

t_done
