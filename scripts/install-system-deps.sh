#!/usr/bin/env bash
# System packages DataStore Designer needs beyond Rust: Mesa's Vulkan driver,
# which draws the window (and the app tests) where there is no GPU driver.
# Safe to run again: it installs only what is missing.
set -euo pipefail
needed=()
for package in libvulkan1 mesa-vulkan-drivers; do
    dpkg -s "$package" >/dev/null 2>&1 || needed+=("$package")
done
if [ ${#needed[@]} -gt 0 ]; then
    if ! command -v apt-get >/dev/null; then
        echo "Please install ${needed[*]} (Vulkan drivers) with your system's package manager." >&2
        exit 1
    fi
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update
    $sudo_cmd apt-get install -y "${needed[@]}"
fi
