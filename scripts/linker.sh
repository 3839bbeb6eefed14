#!/bin/sh
# The host linker for cargo (.cargo/config.toml): the C compiler driving mold where Debian's
# mold is installed (scripts/install-deps.sh installs it), else the default linker. A debug
# link of the server takes about a second with mold and ten with GNU ld on 2 cores.
if command -v mold >/dev/null 2>&1; then
  exec cc -fuse-ld=mold "$@"
fi
exec cc "$@"
