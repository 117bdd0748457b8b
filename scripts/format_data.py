"""Rewrite the bundled data files in canonical form (run after editing them by hand).

usage: python scripts/format_data.py [--check]
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from korea_diplomacy._bundle import LOOKUP_INDEX
from korea_diplomacy._convert import canonical_json, describe_error, structure, unstructure
from korea_diplomacy.dataset import VIEWS, Dataset
from korea_diplomacy.model import record_classes as collections

DATA = Path(__file__).resolve().parents[1] / "src" / "korea_diplomacy" / "data"
MANIFEST = DATA / "manifest.json"


def lookup_index(dataset: Dataset) -> dict[str, dict[str, object]]:
    """Which collection holds each id, and which collections each normalised name."""
    ids: dict[str, str] = {}
    names: dict[str, list[str]] = {}
    for name in collections():
        collection = dataset.collection(name)
        for record_id in collection.ids:
            ids.setdefault(record_id, name)
        for key in collection._name_index():
            names.setdefault(key, []).append(name)
    return {"ids": ids, "names": names}


def main() -> int:
    check = "--check" in sys.argv[1:]
    status = 0
    records = {}
    files = {}
    for name, record_type in collections().items():
        path = DATA / f"{name}.json"
        text = path.read_text(encoding="utf-8")
        try:
            records[name] = [structure(item, record_type) for item in json.loads(text)]
        except Exception as error:
            print(f"{path}: {'; '.join(describe_error(error))}")
            status = 1
            continue
        canonical = canonical_json([unstructure(r) for r in records[name]])
        if canonical != text:
            if check:
                print(f"{path}: not in canonical form")
                status = 1
            else:
                path.write_text(canonical, encoding="utf-8")
                print(f"rewrote {path.name}")
        data = canonical.encode("utf-8")
        files[path.name] = {
            "records": len(records[name]),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
    if status:
        return status
    dataset = Dataset(records)
    views = {name: len(dataset.collection(name)) for name in VIEWS}
    index = lookup_index(dataset)
    index_text = json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    index_data = (index_text + "\n").encode("utf-8")
    if not (DATA / LOOKUP_INDEX).exists() or (DATA / LOOKUP_INDEX).read_bytes() != index_data:
        if check:
            print(f"{DATA / LOOKUP_INDEX}: out of date: run python scripts/format_data.py")
            return 1
        (DATA / LOOKUP_INDEX).write_bytes(index_data)
        print(f"wrote {LOOKUP_INDEX}")
    manifest = {
        "digest": dataset.digest(),
        "files": files,
        "views": views,
        "coverage": dataset.coverage().to_dict(),
        "lookup": {"sha256": hashlib.sha256(index_data).hexdigest()},
    }
    text = json.dumps(manifest, indent=2) + "\n"
    if not MANIFEST.exists() or MANIFEST.read_text(encoding="utf-8") != text:
        if check:
            print(f"{MANIFEST}: out of date: run python scripts/format_data.py")
            return 1
        MANIFEST.write_text(text, encoding="utf-8")
        print(f"wrote {MANIFEST.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
