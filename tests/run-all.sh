#!/usr/bin/env bash
# One command that installs every tool the test suite needs and runs it:
#   bash tests/run-all.sh [pytest args...]
# Works on a fresh Debian machine as root, and is a quick no-op install on a
# machine that already has everything (so non-root developers can use it too).
# Real tools are used on purpose: a missing tool must fail the run, never skip.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"

PYTHON="${PYTHON:-python}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

section() { printf '\n==> %s\n' "$*"; }
elapsed() { printf '    (%ss)\n' "$((SECONDS - $1))"; }

# --- System packages: Chromium + chromedriver, Java for vnu, Node for npm ----
section "System packages"
t0=$SECONDS
apt_pkgs=()
[[ -x /usr/bin/chromium ]] || apt_pkgs+=(chromium)
[[ -x /usr/bin/chromedriver ]] || apt_pkgs+=(chromium-driver)
command -v java >/dev/null 2>&1 || apt_pkgs+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || apt_pkgs+=(nodejs npm)
# PDF documents: WeasyPrint needs Pango; the tests read the PDFs with poppler's tools.
ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || apt_pkgs+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v pdftoppm >/dev/null 2>&1 || apt_pkgs+=(poppler-utils)
if ((${#apt_pkgs[@]} == 0)); then
    echo "    chromium, chromedriver, java, npm, pango, poppler already present"
else
    if [[ $EUID -ne 0 ]]; then
        echo "ERROR: missing ${apt_pkgs[*]}; run as root, or install them with:" >&2
        echo "  apt-get install -y --no-install-recommends ${apt_pkgs[*]}" >&2
        exit 1
    fi
    echo "    installing: ${apt_pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null  # its launcher script warns about /dev/shm here
java -version 2>&1 | head -n 1
elapsed "$t0"

# --- npm tools (vnu-jar, axe-core) pinned by tests/package-lock.json ---------
section "npm tools (tests/node_modules)"
t0=$SECONDS
lock_sum=""
[[ -f tests/package-lock.json ]] && lock_sum="$(sha256sum tests/package-lock.json | cut -d' ' -f1)"
stamp=tests/node_modules/.installed-lock.sha256
if [[ -n $lock_sum && -f $stamp && "$(cat "$stamp")" == "$lock_sum" &&
    -f tests/node_modules/vnu-jar/build/dist/vnu.jar &&
    -f tests/node_modules/axe-core/axe.min.js ]]; then
    echo "    up to date with package-lock.json"
else
    # --ignore-scripts: vnu-jar's postinstall would try to download a JRE from
    # outside the package registry; we run vnu.jar with the system java instead.
    if [[ -n $lock_sum ]]; then
        npm ci --prefix tests --ignore-scripts --no-audit --no-fund --loglevel=error
    else
        npm install --prefix tests --ignore-scripts --no-audit --no-fund --loglevel=error
        lock_sum="$(sha256sum tests/package-lock.json | cut -d' ' -f1)"
    fi
    echo "$lock_sum" >"$stamp"
fi
elapsed "$t0"

# --- Python package + test extras --------------------------------------------
section "Python package (pip install -e .[test])"
t0=$SECONDS
# Skip pip when this checkout is already installed editable and every runtime
# and test requirement is present at a satisfying version; pip itself takes
# several seconds even when there is nothing to do.
# -P: keep the checkout off sys.path, or its build-time *.egg-info would be
# found instead of the installed distribution.
if "$PYTHON" -P - "$ROOT" <<'PY'; then
import json
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

try:
    from pip._vendor.packaging.requirements import Requirement
except ImportError:
    sys.exit(1)

root = Path(sys.argv[1]).resolve()
project = tomllib.loads((root / "pyproject.toml").read_text())["project"]


def is_this_checkout(dist: metadata.Distribution) -> bool:
    try:
        info = json.loads(dist.read_text("direct_url.json") or "{}")
    except ValueError:
        return False
    return (
        info.get("dir_info", {}).get("editable", False)
        and dist.version == project["version"]
        and Path(unquote(urlparse(info["url"]).path)).resolve() == root
    )


if not any(is_this_checkout(d) for d in metadata.distributions(name=project["name"])):
    sys.exit(1)
for spec in project["dependencies"] + project["optional-dependencies"]["test"]:
    req = Requirement(spec)
    try:
        if metadata.version(req.name) not in req.specifier:
            sys.exit(1)
    except metadata.PackageNotFoundError:
        sys.exit(1)
PY
    echo "    already installed (editable, requirements satisfied)"
else
    PIP_ROOT_USER_ACTION=ignore "$PYTHON" -m pip install --disable-pip-version-check --progress-bar off -q -e ".[test]"
fi
"$PYTHON" -c 'import selenium, pytest; print(f"    selenium {selenium.__version__}, pytest {pytest.__version__}")'
elapsed "$t0"

# --- Tests --------------------------------------------------------------------
section "pytest $*"
rc=0
"$PYTHON" -m pytest "$@" || rc=$?
if ((rc == 5)); then
    echo "ERROR: pytest collected no tests (exit 5); treating that as a failure." >&2
    exit 1
fi
exit "$rc"
