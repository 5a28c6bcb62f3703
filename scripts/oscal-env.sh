# Sourced by setup.sh and check-oscal.sh: where the OSCAL validators live,
# and which Python can run them (3.12 or later, for oscal-validate).
OSCAL_VENV="${ISMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/isms-workbench}/oscal-venv"

oscal_python() {
    local candidate
    for candidate in python3.13 python3.12 python3 \
        "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
        if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}
