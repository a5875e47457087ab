#!/usr/bin/env bash
# Runs a command with a real, unlocked gnome-keyring on a private D-Bus session bus,
# in a throw-away home, so keychain tests use the Secret Service exactly as a desktop does.
# Use it inside dbus-run-session:  dbus-run-session -- scripts/with-keyring.sh CMD...
set -euo pipefail

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "with-keyring.sh: no session bus; run it under dbus-run-session" >&2
  exit 2
fi

scratch=$(mktemp -d /tmp/costscope-keyring.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch/home"
export XDG_RUNTIME_DIR="$scratch/run"
export XDG_DATA_HOME="$scratch/data"
export XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache"
mkdir -p "$HOME" "$XDG_DATA_HOME/keyrings" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
mkdir -m 700 -p "$XDG_RUNTIME_DIR"

# A non-empty password: an empty one makes the daemon ask a graphical prompter and hang.
eval "$(printf 'costscope-test-keyring' | gnome-keyring-daemon --daemonize --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
export COSTSCOPE_KEYRING_READY=1

"$@"
