# bash completion for tandem(1): its commands, each command's options and
# their values, the library's dialogue ids (`tandem list --ids`), the
# journal's client names (`tandem clients --names`) and transcript files.
#
# Installed as $(DATADIR)/bash-completion/completions/tandem, where
# bash-completion loads it the first time `tandem` is completed; without
# bash-completion, source it from ~/.bashrc. It needs nothing else.
#
# The commands and options repeat the table of src/cmd/cmd_help.c, which
# `tandem --help` prints: tests/completion/run holds them to it.

_tandem_commands="run resume check list show history clients commitments done drop
renegotiate practice-log export forget key graph walk strings"

# The options of command $1, one word each.
_tandem_options()
{
	case $1 in
	run) echo --client --new-client --mode --lang --out --seed ;;
	check) echo --pair ;;
	list) echo --ids ;;
	show) echo --for --share --redact --client-name --yaml ;;
	history) echo --rebuild ;;
	clients) echo --names ;;
	renegotiate) echo --when ;;
	practice-log) echo --client ;;
	export) echo --with-notes --out ;;
	forget) echo --expired --yes ;;
	strings) echo --format --lang --out --apply ;;
	graph) echo --lang --format --out ;;
	walk) echo --runs --seed --mode --lang --cases ;;
	esac
}

# Whether option $1 takes the word after it as its value.
_tandem_takes_value()
{
	case $1 in
	--client | --mode | --lang | --out | --seed | --for | --redact | --client-name | --when | \
		--format | --apply | --runs | --cases)
		return 0 ;;
	esac
	return 1
}

# Adds to COMPREPLY each line of standard input that starts with $1.
_tandem_lines()
{
	local line
	while IFS= read -r line; do
		[[ -n $line && $line == "$1"* ]] && COMPREPLY+=("$line")
	done
}

# Client names contain spaces ("Alice Martin"): they are completed as
# file names are, so that readline quotes each as one word whatever the
# quote the word began with. So are dialogue ids, beside dialogue files.
_tandem_quote_as_files()
{
	compopt -o filenames 2>/dev/null
}

# The word being completed without the quote it may begin with, and with
# backslashes removed: what a name must start with.
_tandem_unquoted()
{
	local w=$1
	case $w in
	\'* | \"*) w=${w:1} ;;
	*) w=${w//\\/} ;;
	esac
	printf '%s' "$w"
}

_tandem_clients()
{
	_tandem_quote_as_files
	_tandem_lines "$(_tandem_unquoted "$1")" < <(tandem clients --names 2>/dev/null)
}

# Files named *.yaml, and folders to look into.
_tandem_yaml_files()
{
	_tandem_quote_as_files
	local f
	while IFS= read -r f; do
		COMPREPLY+=("$f")
	done < <(w=$(_tandem_unquoted "$1"); compgen -f -X '!*.yaml' -- "$w"; compgen -d -- "$w")
}

_tandem_dialogues()
{
	_tandem_quote_as_files
	_tandem_lines "$(_tandem_unquoted "$1")" < <(tandem list --ids 2>/dev/null)
	_tandem_yaml_files "$1"
}

_tandem()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()
	# --out=FILE: bash splits the word at '=', which is a word of its own.
	if [[ $cur == = ]]; then
		cur=""
	elif [[ $prev == = ]] && ((COMP_CWORD >= 2)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi

	# The command, and how many arguments it has before this word.
	local cmd="" nargs=0 i w
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ -z $cmd ]]; then
			cmd=$w
		elif [[ $w == = ]]; then
			((i++))
		elif _tandem_takes_value "$w" && [[ ${COMP_WORDS[i + 1]} != = ]]; then
			((i++))
		elif [[ $w != -* ]]; then
			((nargs++))
		fi
	done

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$_tandem_commands" -- "$cur"))
		fi
		return 0
	fi

	# The value of an option.
	case $prev in
	--client) _tandem_clients "$cur"; return 0 ;;
	--mode) COMPREPLY=($(compgen -W "coach self practice" -- "$cur")); return 0 ;;
	--for) COMPREPLY=($(compgen -W "client sponsor peers" -- "$cur")); return 0 ;;
	--format)
		if [[ $cmd == graph ]]; then
			COMPREPLY=($(compgen -W "dot svg png" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "csv po" -- "$cur"))
		fi
		return 0 ;;
	--cases)
		compopt -o dirnames 2>/dev/null
		COMPREPLY=($(compgen -d -- "$cur"))
		return 0 ;;
	--runs) return 0 ;;
	--apply)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		return 0 ;;
	--lang)
		COMPREPLY=($(compgen -W "$(tandem list 2>/dev/null | awk '/^[^ ]/ { print $2 }' |
			sort -u)" -- "$cur"))
		return 0 ;;
	--out)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		return 0 ;;
	--seed | --redact | --client-name | --when) return 0 ;;
	esac

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_tandem_options "$cmd") --help" -- "$cur"))
		return 0
	fi

	case $cmd in
	run | graph | walk | strings)
		((nargs == 0)) && _tandem_dialogues "$cur" ;;
	resume | show)
		if ((nargs == 0)); then
			_tandem_clients "$cur"
			_tandem_yaml_files "$cur"
		fi ;;
	history | commitments | done | drop | renegotiate | export | forget)
		((nargs == 0)) && _tandem_clients "$cur" ;;
	check) _tandem_yaml_files "$cur" ;;
	key) ((nargs == 0)) && COMPREPLY=($(compgen -W "init passphrase encrypt-all" -- "$cur")) ;;
	help) ((nargs == 0)) && COMPREPLY=($(compgen -W "$_tandem_commands" -- "$cur")) ;;
	esac
	return 0
}

complete -F _tandem tandem
