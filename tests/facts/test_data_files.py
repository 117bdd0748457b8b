"""The bundled data files: canonical form, the manifest, every invariant, names that resolve."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

import korea_diplomacy as kd
from korea_diplomacy._convert import canonical_json, converter
from korea_diplomacy.model import record_classes

DATA = resources.files("korea_diplomacy").joinpath("data")


@pytest.mark.parametrize("name", list(record_classes()))
def test_each_file_is_in_canonical_form(name):
    # Canonical = what the converter writes back: known fields only, in model order,
    # defaults omitted, two-space indent. A hand edit that drifts fails here; run
    # `python scripts/format_data.py` to rewrite the files.
    text = DATA.joinpath(f"{name}.json").read_text(encoding="utf-8")
    raw = json.loads(text)
    conv = converter()
    records = [conv.structure(item, record_classes()[name]) for item in raw]
    assert text == canonical_json([conv.unstructure(r) for r in records])


def test_no_extra_files_in_the_data_folder():
    names = {entry.name for entry in DATA.iterdir() if entry.name.endswith(".json")}
    assert names == {f"{name}.json" for name in record_classes()} | {"manifest.json", "lookup.json"}


def test_the_manifest_records_every_file_as_it_is():
    # What the fast route trusts: each file's digest, recorded when the data was formatted.
    import hashlib

    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    for name in record_classes():
        data = (DATA / f"{name}.json").read_bytes()
        entry = manifest["files"][f"{name}.json"]
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), name
        assert entry["records"] == len(json.loads(data)), name
    assert manifest["digest"] == kd.Dataset.from_dict(kd.load().to_dict()).digest()
    assert manifest["coverage"] == kd.load().coverage().to_dict()  # what `info` prints


def test_the_bundled_data_holds_every_invariant():
    assert kd.validate(kd.load()) == ()


def test_every_record_cites_a_seed_or_web_source():
    ds = kd.load()
    for name in record_classes():
        if name == "sources":
            continue
        for record in ds.collection(name):
            assert record.citations, record.id


def _all_names(record, extra=()):
    yield record.name
    if record.abbreviation:
        yield record.abbreviation
    yield from record.aliases
    for local in record.local_names:
        yield local.text
        yield from local.variants
    yield from extra


@pytest.mark.parametrize("name", [*record_classes(), "summits"])
def test_every_name_and_alias_resolves_to_its_record(name):
    collection = kd.load().collection(name)
    for record in collection:
        assert collection.lookup(record.id) is record
        for text in _all_names(record):
            try:
                assert collection.lookup(text) is record, (record.id, text)
            except kd.AmbiguousLookupError as error:
                # Two records really share this name: the error must name both.
                assert record.id in error.candidates and len(error.candidates) > 1


def test_partnerships_resolve_by_their_counterparts_names():
    ds = kd.load()
    for partnership in ds.partnerships:
        actor = ds.actors[partnership.counterpart]
        for text in _all_names(actor):
            assert ds.partnerships.lookup(text) is partnership


def test_round_trip_through_plain_dicts_is_lossless():
    ds = kd.load()
    again = kd.Dataset.from_dict(ds.to_dict())
    assert again == ds
    assert again.digest() == ds.digest()


def test_every_seed_source_has_its_file_and_sections():
    seeds = {s.seed_file for s in kd.sources if s.seed_file}
    assert seeds == {
        "000_2686f6d1e05e0859.txt",
        "001_9a03853bcd81bd25.txt",
        "002_e9c3bd3007a26d5f.txt",
    }
    for source in kd.sources:
        assert source.sections or source.url


def test_the_lookup_index_is_current_and_answers_as_every_file_would():
    # The index says which files hold each id and name, so that a lookup across the bundled
    # dataset reads only those; it must send every name to every file that holds it.
    import hashlib
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "format_data", Path(__file__).resolve().parents[2] / "scripts" / "format_data.py"
    )
    format_data = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(format_data)
    plain = kd.Dataset({name: kd.load().collection(name) for name in record_classes()})
    data = (DATA / "lookup.json").read_bytes()
    assert json.loads(data) == format_data.lookup_index(plain)
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["lookup"]["sha256"] == hashlib.sha256(data).hexdigest()
    bundled = kd.load()
    from korea_diplomacy import _bundle

    assert _bundle.bundled_lookup_index() is not None  # the bundled dataset uses it
    for name in record_classes():
        for record in plain.collection(name):
            for text in (record.id, record.name, *getattr(record, "aliases", ())):
                try:
                    expected = plain.lookup(text).id
                except kd.AmbiguousLookupError as error:
                    expected = error.candidates
                try:
                    got = bundled.lookup(text).id
                except kd.AmbiguousLookupError as error:
                    got = error.candidates
                assert got == expected, text
