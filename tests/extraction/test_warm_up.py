"""Start-up: the word lists and gazetteers are read before the first article, not during it."""

import subprocess
import sys


def test_warm_up_reads_every_word_list_an_extraction_reaches() -> None:
    # in a fresh interpreter: which argument-free caches of the extractor are still empty after
    # warm_up (each is a data file read on first use)
    code = (
        "import functools, gc, inspect\n"
        "from service.extraction import warm_up\n"
        "warm_up()\n"
        "empty = sorted(\n"
        "    f'{f.__module__}.{f.__qualname__}' for f in gc.get_objects()\n"
        "    if isinstance(f, functools._lru_cache_wrapper)\n"
        "    and getattr(f, '__module__', '').startswith('service.extraction')\n"
        "    and not inspect.signature(f).parameters\n"
        "    and f.cache_info().currsize == 0\n"
        ")\n"
        "print('\\n'.join(empty))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == []
