"""Execute notebooks top to bottom with nbclient; fail on the first error.

usage: python scripts/run_notebook.py [--installed] NOTEBOOK...

The kernel is this Python (``sys.executable``, which needs ipykernel) and runs in a temporary
directory, so it imports the installed korea_diplomacy, not the source tree. With
``--installed`` it also checks that the package it imported is not the one in ``src/``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

CHECK_INSTALLED = (
    "import korea_diplomacy, pathlib\n"
    "where = pathlib.Path(korea_diplomacy.__file__)\n"
    "assert 'src' not in where.parts, f'the notebook ran against the source tree: {where}'\n"
    "print('notebook ran against', where)"
)


def run(path: Path, installed: bool) -> None:
    notebook = nbformat.read(path, as_version=4)
    if installed:
        notebook.cells.append(nbformat.v4.new_code_cell(CHECK_INSTALLED))
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as workdir:
        client = NotebookClient(
            notebook,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": workdir}},
        )
        client.execute()
    cells = sum(cell.cell_type == "code" for cell in notebook.cells)
    print(f"{path}: {cells} code cells ran in {time.monotonic() - start:.1f} s")
    if installed:
        print(notebook.cells[-1].outputs[0]["text"].strip())


def main() -> int:
    args = sys.argv[1:]
    installed = "--installed" in args
    paths = [Path(arg) for arg in args if arg != "--installed"]
    if not paths:
        print(__doc__)
        return 2
    for path in paths:
        run(path, installed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
