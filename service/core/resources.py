"""Where the folders kept beside the `service` package are found: `alembic/` and `seeds/`."""

import sys
from pathlib import Path

# a checkout or an editable install: the source tree, recognised by its pyproject.toml (beside
# a non-editable install sits site-packages, which holds the alembic *library* as alembic/)
SOURCE_TREE = Path(__file__).resolve().parents[2]
# a non-editable install (the image): pyproject.toml's data-files, under the environment
INSTALLED = Path(sys.prefix) / "share" / "parley"


def shipped(name: str) -> Path:
    """The folder `name` of the source tree when running from one, else the installed copy."""
    root = SOURCE_TREE if (SOURCE_TREE / "pyproject.toml").is_file() else INSTALLED
    return root / name
