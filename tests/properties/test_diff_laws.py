"""Laws of diff: a dataset does not differ from itself, and the comparison runs both ways."""

from __future__ import annotations

from hypothesis import given, settings

from korea_diplomacy.diff import diff
from strategies import datasets

_MIRRORED_KIND = {"added": "removed", "removed": "added", "changed": "changed"}


@settings(max_examples=30)
@given(datasets())
def test_a_dataset_does_not_differ_from_itself(dataset):
    assert not diff(dataset, dataset)


@settings(max_examples=30)
@given(datasets(), datasets())
def test_the_differences_backwards_are_the_differences_forwards_mirrored(old, new):
    forward, backward = diff(old, new), diff(new, old)
    assert bool(forward) == bool(backward)
    assert {c.name for c in forward.collections} == {c.name for c in backward.collections}
    mirrored = {c.name: c for c in backward.collections}
    for collection in forward.collections:
        other = mirrored[collection.name]
        assert (collection.added, collection.removed) == (other.removed, other.added)
        assert [c.id for c in collection.changed] == [c.id for c in other.changed]
        for change, back in zip(collection.changed, other.changed, strict=True):
            assert {(f.field, f.old, f.new) for f in change.fields} == {
                (f.field, f.new, f.old) for f in back.fields
            }
            kinds = {f.field: f.kind for f in back.fields}
            assert all(kinds[f.field] == _MIRRORED_KIND[f.kind] for f in change.fields)
