# bash completion for madoctl: commands, their options and subcommands,
# option values, case numbers, category and referral codes.
#
# Everything is asked of madoctl itself (its --help, `kb categories`,
# `kb referrals`, `list -i`), so the completion follows the installed
# version and the configuration in use (-c FILE on the line is honoured).
# Installed by `cmake --install` as share/bash-completion/completions/madoctl.

# The -c FILE given on the command line being completed, as arguments.
_madoctl_config() {
	local i
	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ ${COMP_WORDS[i]} == -c ]]; then
			printf '%s\n%s\n' -c "${COMP_WORDS[i + 1]}"
			return
		fi
	done
}

_madoctl_run() {
	local -a cfg
	mapfile -t cfg < <(_madoctl_config)
	"${COMP_WORDS[0]}" "${cfg[@]}" "$@" 2>/dev/null
}

# Case numbers of cases still being worked on: completing from every case
# of five years would be slower than typing the number.
_madoctl_cases() {
	local s
	for s in new open waiting; do _madoctl_run list -i --status "$s"; done
}

_madoctl() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local cmd="" i usage words
	COMPREPLY=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-c) ((i++)) ;;
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	if [[ $prev == -c ]]; then
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return
	fi
	if [[ -z $cmd ]]; then
		words=$(_madoctl_run --help | awk '/^  [a-z]/ { print $1 }')
		mapfile -t COMPREPLY < <(compgen -W "$words -c --help" -- "$cur")
		return
	fi
	case $prev in
	--status) words="new open waiting closed" ;;
	--channel) words="mail fax eapp phone visit" ;;
	--category) words=$(_madoctl_run kb categories | cut -f1) ;;
	--role) words="owner admin staff" ;;
	--vendor) words="yes no" ;;
	--state) words="made confirmed dismissed" ;;
	--resolution | --close)
		words="answered referred material_sent no_reply withdrawn duplicate spam" ;;
	--answer) words=$(_madoctl_run answer list | awk 'NR > 1 { print $1 }') ;;
	--file | --pdf) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
	--since | --until | --as | --owner | --note | --requester | --organisation | --source | \
		--elsewhere | -m | --search | --interval)
		return ;;
	esac
	if [[ -n ${words:-} ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
		return
	fi
	usage=$(_madoctl_run "$cmd" --help | head -1)
	if [[ $cur == -* ]]; then
		words=$(grep -oE -- '(^| |\[|\|)--?[a-z][a-z-]*' <<<"$usage" | tr -d ' [|' | sort -u)
		mapfile -t COMPREPLY < <(compgen -W "$words --help" -- "$cur")
		return
	fi
	# The first word after a command with subcommands (kb import, outbox retry ...).
	if ((i + 1 == COMP_CWORD)) && [[ $usage =~ ^usage:\ madoctl\ $cmd\ [a-z] ]]; then
		words=$(sed -e "s/^usage: madoctl $cmd //" <<<"$usage" | tr '|' '\n' |
			awk '$1 ~ /^[a-z]+$/ { print $1 }')
		mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
		return
	fi
	if [[ $cmd == refer && $cur == [a-z]* ]]; then
		words=$(_madoctl_run kb referrals | cut -f1)
	elif [[ $usage == *CASE* ]]; then
		words=$(_madoctl_cases)
	fi
	[[ -n ${words:-} ]] && mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
	return 0
}
complete -F _madoctl madoctl
