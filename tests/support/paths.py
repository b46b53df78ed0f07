"""Where the shared evaluation data lives: ``shared/`` beside the repository
(also in CI's fresh clone); MONITOR_SHARED_DIR overrides it."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("MONITOR_SHARED_DIR", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"
SEED_GOLD = CORPUS / "seeds" / "gold.yaml"
SCORE_CLAIMS = SHARED / "tools" / "score_claims.py"
