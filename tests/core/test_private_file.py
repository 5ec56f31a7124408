"""A private file is created 0600 and swapped in whole, whatever the umask and whatever was
there before."""

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.core.private_file import write_private


@pytest.fixture(params=[0o000, 0o022, 0o277])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_is_owner_only_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "dev-key"

    write_private(target, "secret\n")

    assert _mode(target) == 0o600
    assert target.read_text() == "secret\n"


def test_a_world_readable_file_is_replaced_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "dev-key"
    target.write_text("old\n")
    target.chmod(0o644)
    old_inode = target.stat().st_ino

    write_private(target, "new\n")

    # a new file renamed over the old one: the secret never sat in the 0644 file
    assert target.stat().st_ino != old_inode
    assert _mode(target) == 0o600
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["dev-key"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "dev-key"
    target.write_text("old\n")

    def broken(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="disk full"):
        write_private(target, "new\n")

    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["dev-key"]
