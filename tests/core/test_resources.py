"""alembic/ and seeds/ are found from the source tree and from a non-editable install (the
image's), where they are pyproject.toml's data-files under <prefix>/share/parley."""

import os
import shutil
import site
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.core import resources
from tests.conftest import create_database, drop_database

REPO = Path(__file__).resolve().parents[2]
# what the Dockerfile copies into its build stage
BUILD_CONTEXT = ["pyproject.toml", "README.md", "alembic", "seeds", "service"]


def test_from_the_source_tree_the_folders_are_the_checkouts() -> None:
    assert resources.shipped("alembic") == REPO / "alembic"
    assert resources.shipped("seeds") == REPO / "seeds"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with Parley installed from a wheel (not editable); its dependencies are this
    environment's, reached through a .pth line, so nothing but the project is installed."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    source.mkdir()
    for name in BUILD_CONTEXT:
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy
        copy(REPO / name, source / name)
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    (site_packages,) = venv.glob("lib/python3*/site-packages")
    (site_packages / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python")),
            *("install", "--quiet", "--no-deps", str(source)),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return venv


@pytest.fixture
def empty_database(admin_url: str) -> Iterator[str]:
    name = f"parley_wheel_{os.getpid()}"
    yield create_database(admin_url, name)
    drop_database(admin_url, name)


def _parley(venv: Path, cwd: Path, *argv: str, url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(venv / "bin" / "parley"), *argv],
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "PARLEY_DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_a_non_editable_install_migrates_and_seeds(
    installed: Path, empty_database: str, tmp_path: Path
) -> None:
    where = subprocess.run(
        [
            str(installed / "bin" / "python"),
            "-c",
            "import service, service.core.resources as r; "
            "print(service.__file__); print(r.shipped('alembic'))",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert where[0].startswith(str(installed)), "imported from the wheel, not from the checkout"
    assert where[1] == str(installed / "share" / "parley" / "alembic")

    migrated = _parley(installed, tmp_path, "migrate", url=empty_database)
    assert migrated.returncode == 0, migrated.stderr
    assert "database schema is at the latest revision" in migrated.stderr

    seeded = _parley(installed, tmp_path, "seed", url=empty_database)
    assert seeded.returncode == 0, seeded.stderr
    assert '"created": 5' in seeded.stderr
