# bash completion for swarmops: commands, options, and the cluster's node, service, stack,
# network, config and secret names, from `swarmops __complete INDEX WORD...` (the same completion
# as `swarmops shell`). Debian's package installs it in /usr/share/bash-completion/completions.
# The words are split from COMP_LINE on blanks only: COMP_WORDS would split -H unix:///x.sock at ':'.
_swarmops() {
  local line=${COMP_LINE:0:COMP_POINT} words
  read -ra words <<<"$line"
  [[ $line == *[[:space:]] ]] && words+=("")
  local IFS=$'\n'
  COMPREPLY=($(swarmops __complete "$((${#words[@]} - 2))" "${words[@]:1}" 2>/dev/null))
}
complete -F _swarmops swarmops
