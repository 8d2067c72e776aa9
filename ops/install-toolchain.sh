#!/usr/bin/env bash
# Installs the card toolchain (Verilator, Yosys, nextpnr-ice40, IceStorm) with apt-get when a
# tool is missing. Idempotent: when everything is present it only checks PATH and exits.
# Silent when everything is present; one line (on stderr) when it installs something.
set -euo pipefail

# command on PATH -> Debian package providing it
tools=(verilator yosys nextpnr-ice40 icepack)
packages=(verilator yosys nextpnr-ice40 fpga-icestorm)

missing=()
for i in "${!tools[@]}"; do
    command -v "${tools[$i]}" >/dev/null 2>&1 || missing+=("${packages[$i]}")
done

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "toolchain: missing ${missing[*]} and no apt-get here; install them with your package manager" >&2
    exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "toolchain: missing ${missing[*]}; run as root or install sudo" >&2
        exit 1
    fi
    sudo=(sudo)
fi

# Quiet on success; on failure show apt's output, which says why.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
       "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "toolchain: apt-get failed installing ${missing[*]}" >&2
    exit 1
fi
echo "toolchain: installed ${missing[*]}" >&2
