#!/usr/bin/env bash
# e2e_doctor.sh BUILD_DIR - madoctl doctor against the real servers: all
# well (exit 0), then each dependency broken in turn, each said in words
# with how to fix it (exit 1): the database down, its schema not migrated,
# a wrong IMAP password, the SMTP server refusing, the OCR languages
# missing.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
t_require_stack
t_setup doctor
t_ctl migrate >/dev/null
t_smtp_sink
t_make_mails "$T_DIR/m" 1 doctor
t_imap append "$T_MAILBOX" "$T_DIR"/m/*.eml
doc() { # doc CONFIG: madoctl doctor's status, its output in $T_DIR/doctor
	local s=0
	"$T_BUILD/tools/madoctl" -c "$1" doctor >"$T_DIR/doctor" 2>&1 || s=$?
	echo "$s"
}
says() { grep -Eq -- "$1" "$T_DIR/doctor"; }
variant() { # variant NAME SECTION KEY VALUE: a copy of the configuration with one change
	cp "$T_CONFIG" "$T_DIR/$1.conf"
	t_config_set "$T_DIR/$1.conf" "$2" "$3" "$4"
	echo "$T_DIR/$1.conf"
}

t_eq "all well: doctor is 0" "$(doc "$T_CONFIG")" 0
for what in "configuration +ok" "database +ok +connected, the schema up to date" "roles +ok" \
	"mailbox default +ok +.*logged in, $T_MAILBOX selected" "smtp +ok +smtp://127.0.0.1:[0-9]+ answers" \
	"ocr +ok +Tesseract with jpn\+eng" "font +ok +IPAGothic" "^nothing wrong$"; do
	t_check "... $what" says "$what"
done

stack_pick_port closed
t_eq "the database down: doctor is 1" \
	"$(doc "$(variant nodb database conninfo "host=127.0.0.1 port=$closed dbname=x user=postgres connect_timeout=3")")" 1
t_check "... said, with what to check" says "^database +WRONG +cannot connect .*check \[database\] conninfo"
t_check "... and the rest still checked" says "^mailbox default +ok"

psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt -c "CREATE DATABASE ${T_DB}_bare" >/dev/null
t_eq "a database never migrated: doctor is 1" \
	"$(doc "$(variant bare database conninfo "host=127.0.0.1 port=$PG_PORT dbname=${T_DB}_bare user=postgres")")" 1
t_check "... said, with the command" says "^database +WRONG +connected; [0-9]+ migrations not applied: run madoctl migrate"

t_eq "a wrong IMAP password: doctor is 1" "$(doc "$(variant imap imap password not-the-password)")" 1
t_check "... said, with what to check" says "^mailbox default +WRONG .*cannot connect, log in or select .*check \[imap\]"

t_eq "the SMTP server refusing: doctor is 1" "$(doc "$(variant smtp smtp url "smtp://127.0.0.1:$closed")")" 1
t_check "... said, with what to check" says "^smtp +WRONG +smtp://127.0.0.1:$closed: .*check \[smtp\] url"

mkdir -p "$T_DIR/no-tessdata"
t_eq "the OCR languages missing: doctor is 1" "$(TESSDATA_PREFIX=$T_DIR/no-tessdata doc "$T_CONFIG")" 1
t_check "... said, with the packages" says "^ocr +WRONG .*install tesseract-ocr-jpn and tesseract-ocr-eng"
t_check "... only that" says "^1 thing is wrong$"
t_done
