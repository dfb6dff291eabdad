# bash completion for swarmops: commands, options, and the cluster's node, service, stack,
# network, config and secret names, from `swarmops __complete INDEX WORD...` (the same completion
# as `swarmops shell`). Debian's package installs it in /usr/share/bash-completion/completions.
_swarmops() {
  local IFS=$'\n'
  local words=("${COMP_WORDS[@]:1}")
  COMPREPLY=($(swarmops __complete "$((COMP_CWORD - 1))" "${words[@]}" 2>/dev/null))
}
complete -F _swarmops swarmops
