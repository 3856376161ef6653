# fish completion for authaudit; options come from `authaudit CMD --help`.
set -l cmds scan token probe auth audit merge rules config
complete -c authaudit -f -n "not __fish_seen_subcommand_from $cmds" -a "$cmds"
complete -c authaudit -n "not __fish_seen_subcommand_from $cmds" -l help -l version
complete -c authaudit -n "__fish_seen_subcommand_from $cmds" -s f -l format -x -a "text json sarif junit markdown html"
complete -c authaudit -n "__fish_seen_subcommand_from $cmds" -l fail-on -x -a "info low medium high critical never"
complete -c authaudit -n "__fish_seen_subcommand_from $cmds" -s p -l profile -x -a "(authaudit rules profiles 2>/dev/null | string replace -r ' .*' '')"
complete -c authaudit -n "__fish_seen_subcommand_from $cmds" -a "(authaudit (commandline -opc)[2] --help 2>/dev/null | string match -r -a -- '--[a-z][a-z-]*' | sort -u)"
