"""The README's shell blocks run, word for word and in order as a reader pastes them into one
terminal, against a live server: the first page a user reads cannot rot. A block that must
not run here (`make run` itself, the SDK generation tested in test_sdk.py) is marked with
`<!-- readme-test: skip -->` on the line above it."""

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
SKIP = "<!-- readme-test: skip -->"


def blocks(text: str) -> list[tuple[str, str, bool]]:
    """(language, code, runs) of every fenced block."""
    out: list[tuple[str, str, bool]] = []
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("```"):
            runs = index == 0 or lines[index - 1].strip() != SKIP
            end = lines.index("```", index + 1)
            out.append((line[3:].strip(), "\n".join(lines[index + 1 : end]), runs))
            index = end
        index += 1
    return out


def test_every_block_is_shell_or_marked() -> None:
    found = blocks(README.read_text(encoding="utf-8"))

    assert found
    assert [lang for lang, _, runs in found if runs and lang != "sh"] == []
    # the tour itself must run, not be skipped away
    assert sum(runs for _, _, runs in found) >= 5


@pytest.mark.skipif(shutil.which("jq") is None, reason="the tour uses jq")
def test_the_readme_runs_against_a_live_server(
    live_server: str, committed_auth: Callable[..., dict[str, str]], tmp_path: Path
) -> None:
    # the reader's folder after `make run`: the development key in .parley/dev-key
    key = committed_auth()["Authorization"].removeprefix("Bearer ")
    (tmp_path / ".parley").mkdir()
    (tmp_path / ".parley" / "dev-key").write_text(key + "\n")
    script = "\n".join(
        code for lang, code, runs in blocks(README.read_text(encoding="utf-8")) if runs
    )

    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"], "PARLEY": live_server, "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr + done.stdout
    assert "Keir Starmer" in done.stdout
    assert done.stdout.count("Meeting of Keir Starmer and Volodymyr Zelenskyy in London") == 2
    assert "We will stand with Ukraine" in done.stdout
    assert "United Kingdom" in done.stdout
    assert '"next_cursor"' in done.stdout
