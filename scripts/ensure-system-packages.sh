#!/usr/bin/env bash
# Make sure the Debian packages the project's commands rely on are installed.
#
#   scripts/ensure-system-packages.sh                 # everything `make test` needs
#   scripts/ensure-system-packages.sh gettext         # only what `make run` needs
#
# Known names: postgresql (server binaries for the throwaway test cluster),
# chromium (the browser tests), gettext (msgfmt, for compilemessages) and npm (with
# Debian's nodejs: `npm ci` installs plotly.js from package-lock.json).
# As root the missing ones are installed with apt-get; as anyone else the script
# prints the exact command to run and exits non-zero, because it cannot install them.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    set -- postgresql chromium gettext npm
fi

# True when the package's files we actually use are present. We test for the files,
# not for dpkg's records, so a server or browser installed some other way also counts.
is_present() {
    case "$1" in
        postgresql)
            # Any installed major version will do; with-postgres.sh picks the newest.
            local bindir
            for bindir in /usr/lib/postgresql/*/bin; do
                if [ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ]; then
                    return 0
                fi
            done
            return 1
            ;;
        chromium)
            [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]
            ;;
        gettext)
            command -v msgfmt >/dev/null 2>&1
            ;;
        npm)
            command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1
            ;;
        *)
            echo "ensure-system-packages: unknown package '$1'" >&2
            exit 2
            ;;
    esac
}

missing=()
for package in "$@"; do
    if ! is_present "$package"; then
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them with:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

echo "Installing missing system packages: ${missing[*]}"
# CI runs without a terminal or stdin: never let a package ask a question.
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"

# Check again, so a package that installed but did not bring the expected files
# (say, a renamed binary) fails here and not deep inside a test run.
for package in "${missing[@]}"; do
    if ! is_present "$package"; then
        echo "ensure-system-packages: '$package' installed but its files are still missing" >&2
        exit 1
    fi
done
