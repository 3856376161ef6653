# bash completion for authaudit. Options are read from the installed
# program's own `authaudit COMMAND --help`, so they never fall behind it.
_authaudit()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local cmd=${COMP_WORDS[1]} words

	if [ "$COMP_CWORD" -eq 1 ]; then
		words="scan token probe auth audit merge rules config --help --version"
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		return
	fi
	case $prev in
	-f|--format)
		COMPREPLY=($(compgen -W "text json sarif junit markdown html" \
			-- "$cur")); return ;;
	-p|--profile)
		words=$(authaudit rules profiles 2>/dev/null | awk '{print $1}')
		COMPREPLY=($(compgen -W "$words" -- "$cur")); return ;;
	--fail-on)
		COMPREPLY=($(compgen -W "info low medium high critical never" \
			-- "$cur")); return ;;
	--exclude-context)
		COMPREPLY=($(compgen -W "production test example docs" \
			-- "$cur")); return ;;
	esac
	if [ "$cmd" = rules ] && [ "$COMP_CWORD" -eq 2 ]; then
		words="list check test show profiles coverage params patterns"
		COMPREPLY=($(compgen -W "$words keywords prefilter" -- "$cur"))
		return
	fi
	if [ "$cmd" = config ] && [ "$COMP_CWORD" -eq 2 ]; then
		COMPREPLY=($(compgen -W "check init" -- "$cur"))
		return
	fi
	case $cur in
	-*)
		words=$(authaudit "$cmd" --help 2>/dev/null |
			grep -o -- '--[a-z][a-z-]*' | sort -u)
		COMPREPLY=($(compgen -W "$words" -- "$cur")) ;;
	*)
		COMPREPLY=($(compgen -f -- "$cur")) ;;
	esac
}
complete -o default -F _authaudit authaudit
