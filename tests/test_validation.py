"""Validation: every invariant, and mutations that each break exactly one."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import korea_diplomacy as kd
from korea_diplomacy.dataset import Dataset
from korea_diplomacy.dates import DateRange, PartialDate
from korea_diplomacy.model import (
    Citation,
    Erratum,
    Membership,
    Money,
    Quantity,
    Section,
    record_classes,
)
from korea_diplomacy.validation import INVARIANTS, Violation, validate
from strategies import datasets, records

Expected = tuple[str, str, str, str]


Mutation = Callable[[Dataset], tuple[Dataset, Expected]]


MUTATIONS: dict[str, tuple[str, Mutation]] = {}


def mutation(invariant: str) -> Callable[[Mutation], Mutation]:
    def register(function: Mutation) -> Mutation:
        MUTATIONS[function.__name__] = (invariant, function)
        return function

    return register


def _records(ds: Dataset) -> dict[str, list[Any]]:
    return {name: list(ds.collection(name)) for name in record_classes()}


def replace(ds: Dataset, collection: str, record: Any, **changes: Any) -> Dataset:
    """``ds`` with ``record`` (of ``collection``) changed; attrs.evolve checks no types."""
    data = _records(ds)
    position = next(n for n, r in enumerate(data[collection]) if r is record)
    data[collection][position] = attrs.evolve(record, **changes)
    return Dataset(data)


def add(ds: Dataset, collection: str, record: Any) -> Dataset:
    data = _records(ds)
    data[collection].append(record)
    return Dataset(data)


def first(ds: Dataset, collection: str, test: Callable[[Any], bool] = lambda r: True) -> Any:
    return next(r for r in ds.collection(collection) if test(r))


def forged_date(year: int, month: int) -> PartialDate:
    # A frozen date cannot be made wrong; only going around attrs can (as a bug might).
    date = PartialDate(year)
    object.__setattr__(date, "month", month)
    return date


def forged_span() -> DateRange:
    span = DateRange(PartialDate(2000), PartialDate(2001))
    object.__setattr__(span, "start", PartialDate(2005))
    return span


def a_group(ds: Dataset) -> tuple[str, Any]:
    for name in ("actors", "mechanisms"):
        for group in ds.collection(name):
            if group.memberships:
                return name, group
    raise AssertionError("no group with members")


def a_series(ds: Dataset) -> list[Any]:
    """The dated, numbered meetings of the first mechanism that has two or more, by ordinal."""
    series: dict[str, list[Any]] = {}
    for m in ds.meetings:
        if m.ordinal is not None and m.date is not None:
            series.setdefault(m.mechanism, []).append(m)
    meetings = next(s for s in series.values() if len(s) >= 2)
    return sorted(meetings, key=lambda m: m.ordinal)


def with_record_level(ds: Dataset, kind: str) -> tuple[str, Any]:
    for name in record_classes():
        for record in ds.collection(name):
            if getattr(record, kind, ()):
                return name, record
    raise AssertionError(f"no record with {kind}")


@mutation("field-type")
def name_is_a_number(ds):
    p = first(ds, "programmes")
    return replace(ds, "programmes", p, name=42), ("field-type", "programmes", p.id, "name")


@mutation("field-type")
def ordinal_is_a_string(ds):
    m = a_series(ds)[-1]
    changed = replace(ds, "meetings", m, ordinal=str(m.ordinal))
    return changed, ("field-type", "meetings", m.id, "ordinal")


@mutation("field-type")
def tuple_field_is_a_list(ds):
    p = first(ds, "programmes")
    changed = replace(ds, "programmes", p, organisers=list(p.organisers))
    return changed, ("field-type", "programmes", p.id, "organisers")


@mutation("field-type")
def date_is_a_string(ds):
    p = first(ds, "programmes")
    changed = replace(ds, "programmes", p, started="2019")
    return changed, ("field-type", "programmes", p.id, "started")


@mutation("date-format")
def month_thirteen(ds):
    p = first(ds, "programmes")
    changed = replace(ds, "programmes", p, started=forged_date(2000, 13), ended=None)
    return changed, ("date-format", "programmes", p.id, "started")


@mutation("span-order")
def span_ends_before_it_starts(ds):
    p = first(ds, "programmes")
    changed = replace(ds, "programmes", p, started=forged_span(), ended=None)
    return changed, ("span-order", "programmes", p.id, "started")


@mutation("span-order")
def programme_ends_before_it_starts(ds):
    p = first(ds, "programmes")
    changed = replace(ds, "programmes", p, started=PartialDate(2000), ended=PartialDate(1990))
    return changed, ("span-order", "programmes", p.id, "ended")


@mutation("span-order")
def membership_ends_before_it_starts(ds):
    name, group = a_group(ds)
    members = {m.member for m in group.memberships}
    outsider = next((a.id for a in ds.actors if a.id not in members), group.id)
    # Never in force, so no stated member count changes.
    backwards = Membership(
        member=outsider,
        citations=group.citations,
        start=PartialDate(1901),
        end=PartialDate(1900),
    )
    changed = replace(ds, name, group, memberships=(*group.memberships, backwards))
    field = f"memberships[{len(group.memberships)}].end"
    return changed, ("span-order", name, group.id, field)


@mutation("id-format")
def id_with_capitals(ds):
    p = first(ds, "programmes")
    copy = attrs.evolve(p, id="Bad_Id")
    return add(ds, "programmes", copy), ("id-format", "programmes", "Bad_Id", "id")


@mutation("id-format")
def id_too_long(ds):
    p = first(ds, "programmes")
    long_id = "a" * 101
    copy = attrs.evolve(p, id=long_id)
    return add(ds, "programmes", copy), ("id-format", "programmes", long_id, "id")


@mutation("id-format")
def section_id_with_spaces(ds):
    s = first(ds, "sources")
    changed = replace(ds, "sources", s, sections=(*s.sections, Section("Bad Section", "t")))
    field = f"sections[{len(s.sections)}].id"
    return changed, ("id-format", "sources", s.id, field)


@mutation("id-unique")
def id_used_in_two_collections(ds):
    p, actor = first(ds, "programmes"), first(ds, "actors")
    copy = attrs.evolve(p, id=actor.id)
    return add(ds, "programmes", copy), ("id-unique", "programmes", actor.id, "id")


@mutation("id-unique")
def id_used_twice_in_one_collection(ds):
    p = first(ds, "programmes")
    return add(ds, "programmes", p), ("id-unique", "programmes", p.id, "id")


@mutation("id-unique")
def section_id_used_twice(ds):
    s = first(ds, "sources")
    again = Section(s.sections[0].id, "again")
    changed = replace(ds, "sources", s, sections=(*s.sections, again))
    return changed, ("id-unique", "sources", s.id, f"sections[{len(s.sections)}].id")


@mutation("citation-present")
def record_without_citations(ds):
    p = first(ds, "programmes")
    changed = replace(ds, "programmes", p, citations=())
    return changed, ("citation-present", "programmes", p.id, "citations")


@mutation("citation-present")
def stage_without_citations(ds):
    p = first(ds, "partnerships", lambda p: p.stages)
    stages = (attrs.evolve(p.stages[0], citations=()), *p.stages[1:])
    changed = replace(ds, "partnerships", p, stages=stages)
    return changed, ("citation-present", "partnerships", p.id, "stages[0].citations")


@mutation("citation-resolves")
def citation_of_an_unknown_section(ds):
    p = first(ds, "programmes")
    bad = Citation(p.citations[0].source, "no-such-section")
    changed = replace(ds, "programmes", p, citations=(bad, *p.citations[1:]))
    return changed, ("citation-resolves", "programmes", p.id, "citations[0]")


@mutation("citation-resolves")
def citation_of_an_unknown_source(ds):
    p = first(ds, "programmes")
    bad = Citation("no-such-source", "overview")
    changed = replace(ds, "programmes", p, citations=(*p.citations, bad))
    return changed, ("citation-resolves", "programmes", p.id, f"citations[{len(p.citations)}]")


@mutation("reference-resolves")
def meeting_of_an_unknown_mechanism(ds):
    m = ds.meetings.ids[-1]
    changed = replace(ds, "meetings", ds.meetings[m], mechanism="no-such-mechanism")
    return changed, ("reference-resolves", "meetings", m, "mechanism")


@mutation("reference-resolves")
def meeting_of_an_actor(ds):
    m, actor = ds.meetings[ds.meetings.ids[-1]], first(ds, "actors")
    changed = replace(ds, "meetings", m, mechanism=actor.id)
    return changed, ("reference-resolves", "meetings", m.id, "mechanism")


@mutation("reference-resolves")
def partnership_with_an_unknown_counterpart(ds):
    p = first(ds, "partnerships")
    changed = replace(ds, "partnerships", p, counterpart="no-such-actor")
    return changed, ("reference-resolves", "partnerships", p.id, "counterpart")


@mutation("reference-resolves")
def unknown_member(ds):
    name, group = a_group(ds)
    ghost = Membership(
        member="no-such-actor",
        citations=group.citations,
        start=PartialDate(1900),
        end=PartialDate(1901),
    )
    changed = replace(ds, name, group, memberships=(*group.memberships, ghost))
    field = f"memberships[{len(group.memberships)}].member"
    return changed, ("reference-resolves", name, group.id, field)


@mutation("reference-resolves")
def unknown_parent_mechanism(ds):
    m = first(ds, "mechanisms")
    changed = replace(ds, "mechanisms", m, parent="no-such-mechanism")
    return changed, ("reference-resolves", "mechanisms", m.id, "parent")


@mutation("reference-resolves")
def adopted_at_an_unknown_meeting(ds):
    d = first(ds, "documents")
    changed = replace(ds, "documents", d, adopted_at="no-such-meeting")
    return changed, ("reference-resolves", "documents", d.id, "adopted_at")


@mutation("reference-resolves")
def meeting_lists_an_unknown_document(ds):
    m = first(ds, "meetings")
    changed = replace(ds, "meetings", m, documents=(*m.documents, "no-such-document"))
    return changed, ("reference-resolves", "meetings", m.id, f"documents[{len(m.documents)}]")


@mutation("reference-cycle")
def mechanism_is_its_own_parent(ds):
    m = first(ds, "mechanisms")
    changed = replace(ds, "mechanisms", m, parent=m.id)
    return changed, ("reference-cycle", "mechanisms", m.id, "parent")


@mutation("reference-cycle")
def two_mechanisms_are_each_others_parent(ds):
    a, b = ds.mechanisms.ids[:2]
    changed = replace(ds, "mechanisms", ds.mechanisms[a], parent=b)
    changed = replace(changed, "mechanisms", changed.mechanisms[b], parent=a)
    return changed, ("reference-cycle", "mechanisms", a, "parent")


@mutation("date-after-source")
def dated_after_its_source(ds):
    source = first(ds, "sources", lambda s: s.as_of is not None and s.sections)
    p = first(ds, "programmes")
    later = PartialDate(source.as_of.latest.year + 1)
    cite = (Citation(source.id, source.sections[0].id),)
    changed = replace(ds, "programmes", p, citations=cite, started=later, ended=None)
    return changed, ("date-after-source", "programmes", p.id, "started")


@mutation("ordinal-unique")
def ordinal_used_twice(ds):
    m = a_series(ds)[-1]
    copy = attrs.evolve(m, id=f"{m.id}-again")
    return add(ds, "meetings", copy), ("ordinal-unique", "meetings", copy.id, "ordinal")


@mutation("ordinal-unique")
def ordinal_zero(ds):
    m = a_series(ds)[0]
    changed = replace(ds, "meetings", m, ordinal=0)
    return changed, ("ordinal-unique", "meetings", m.id, "ordinal")


@mutation("ordinal-order")
def numbered_meeting_before_the_previous_one(ds):
    before, after = a_series(ds)[:2]
    earlier = PartialDate(before.date.earliest.year - 1)
    changed = replace(ds, "meetings", after, date=earlier)
    return changed, ("ordinal-order", "meetings", after.id, "date")


@mutation("stage-order")
def stages_swapped(ds):
    p = first(ds, "partnerships", lambda p: len(p.stages) >= 2)
    stages = (p.stages[1], p.stages[0], *p.stages[2:])
    changed = replace(ds, "partnerships", p, stages=stages)
    return changed, ("stage-order", "partnerships", p.id, "stages[1]")


@mutation("stage-order")
def two_stages_begin_together(ds):
    p = first(ds, "partnerships", lambda p: len(p.stages) >= 2)
    stages = (p.stages[0], attrs.evolve(p.stages[1], start=p.stages[0].start), *p.stages[2:])
    changed = replace(ds, "partnerships", p, stages=stages)
    return changed, ("stage-order", "partnerships", p.id, "stages[1]")


@mutation("membership-overlap")
def membership_listed_twice(ds):
    name, group = a_group(ds)
    changed = replace(ds, name, group, memberships=(*group.memberships, group.memberships[0]))
    field = f"memberships[{len(group.memberships)}]"
    return changed, ("membership-overlap", name, group.id, field)


def _member_count(ds: Dataset) -> Any:
    return first(ds, "figures", lambda f: f.metric == "member-count")


@mutation("member-count")
def member_count_off_by_one(ds):
    f = _member_count(ds)
    value = attrs.evolve(f.value, value=f.value.value + 1)
    return replace(ds, "figures", f, value=value), ("member-count", "figures", f.id, "value")


@mutation("amount")
def negative_contribution(ds):
    fund = first(ds, "funds", lambda f: f.contributions)
    c = fund.contributions[0]
    negative = attrs.evolve(c, amount=attrs.evolve(c.amount, amount=-c.amount.amount - 1))
    changed = replace(ds, "funds", fund, contributions=(negative, *fund.contributions[1:]))
    return changed, ("amount", "funds", fund.id, "contributions[0].amount")


@mutation("amount")
def currency_in_lower_case(ds):
    fund = first(ds, "funds", lambda f: f.contributions)
    c = fund.contributions[0]
    odd = attrs.evolve(c, amount=attrs.evolve(c.amount, currency="usd"))
    changed = replace(ds, "funds", fund, contributions=(odd, *fund.contributions[1:]))
    return changed, ("amount", "funds", fund.id, "contributions[0].amount")


@mutation("amount")
def quantity_without_unit(ds):
    f = _member_count(ds)
    changed = replace(ds, "figures", f, value=attrs.evolve(f.value, unit=" "))
    return changed, ("amount", "figures", f.id, "value")


def _a_part(ds: Dataset) -> tuple[Any, Any]:
    part = first(ds, "figures", lambda f: f.part_of)
    return part, ds.figures[part.part_of]


@mutation("parts-sum")
def part_too_large(ds):
    part, total = _a_part(ds)
    value = attrs.evolve(part.value, value=total.value.value * 2 + 1000)
    return replace(ds, "figures", part, value=value), ("parts-sum", "figures", total.id, "value")


@mutation("parts-sum")
def part_in_another_unit(ds):
    part, total = _a_part(ds)
    value = Money(Decimal(1), "EUR") if isinstance(part.value, Quantity) else Quantity(1, "x")
    return replace(ds, "figures", part, value=value), ("parts-sum", "figures", total.id, "value")


def _erratum(ds: Dataset, **changes: Any) -> tuple[Dataset, Expected]:
    name, record = with_record_level(ds, "errata")
    errata = (attrs.evolve(record.errata[0], **changes), *record.errata[1:])
    return replace(ds, name, record, errata=errata), ("erratum", name, record.id, "errata[0]")


@mutation("erratum")
def erratum_without_reason(ds):
    return _erratum(ds, reason=" ")


@mutation("erratum")
def erratum_that_changes_nothing(ds):
    _, record = with_record_level(ds, "errata")
    return _erratum(ds, corrected=record.errata[0].printed)


@mutation("erratum")
def erratum_of_an_unknown_field(ds):
    return _erratum(ds, field="no_such_field")


def _conflict(ds: Dataset, change: Callable[[Any], Any]) -> tuple[Dataset, Expected]:
    name, record = with_record_level(ds, "conflicts")
    conflicts = (change(record.conflicts[0]), *record.conflicts[1:])
    changed = replace(ds, name, record, conflicts=conflicts)
    return changed, ("conflict", name, record.id, "conflicts[0]")


@mutation("conflict")
def two_preferred_claims(ds):
    return _conflict(
        ds,
        lambda c: attrs.evolve(
            c, claims=tuple(attrs.evolve(claim, preferred=True) for claim in c.claims)
        ),
    )


@mutation("conflict")
def conflict_without_reason(ds):
    return _conflict(ds, lambda c: attrs.evolve(c, reason=" "))


@mutation("conflict")
def conflict_with_one_claim(ds):
    return _conflict(
        ds, lambda c: attrs.evolve(c, claims=tuple(x for x in c.claims if x.preferred))
    )


def _preferred(c: Any, **changes: Any) -> Any:
    claims = tuple(attrs.evolve(x, **changes) if x.preferred else x for x in c.claims)
    return attrs.evolve(c, claims=claims)


@mutation("conflict")
def preferred_claim_is_not_the_value_kept(ds):
    return _conflict(ds, lambda c: _preferred(c, value="a value nobody kept"))


@mutation("conflict")
def preferred_claim_without_citation(ds):
    return _conflict(ds, lambda c: _preferred(c, citations=()))


@mutation("inference")
def inference_without_reasoning(ds):
    name, record = with_record_level(ds, "inferences")
    inferences = (attrs.evolve(record.inferences[0], reasoning=" "), *record.inferences[1:])
    changed = replace(ds, name, record, inferences=inferences)
    return changed, ("inference", name, record.id, "inferences[0]")


def _key(violation: Violation) -> Expected:
    return (violation.invariant, violation.collection, violation.record_id, violation.field)


def check_caught_alone(ds: Dataset, name: str) -> None:
    invariant, mutate = MUTATIONS[name]
    changed, expected = mutate(ds)
    assert expected[0] == invariant
    found = validate(changed)
    assert [_key(v) for v in found] == [expected], found
    assert found[0].message


def test_every_invariant_has_mutations_that_break_it():
    assert {invariant for invariant, _ in MUTATIONS.values()} == set(INVARIANTS)


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_each_mutation_of_the_bundled_data_is_caught_alone(name):
    check_caught_alone(kd.load(), name)


@pytest.mark.parametrize("name", list(MUTATIONS))
@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
@given(ds=datasets())
def test_each_mutation_of_a_generated_dataset_is_caught_alone(name, ds):
    check_caught_alone(ds, name)


@given(datasets())
def test_generated_valid_datasets_are_accepted(ds):
    assert validate(ds) == ()


def test_every_violation_is_reported_at_once():
    ds, expected = kd.load(), []
    for name in ("negative_contribution", "stages_swapped", "record_without_citations"):
        ds, wanted = MUTATIONS[name][1](ds)
        expected.append(wanted)
    assert sorted(_key(v) for v in validate(ds)) == sorted(expected)


def test_a_count_the_source_really_states_is_explained_by_an_erratum():
    ds = kd.load()
    changed, _ = member_count_off_by_one(ds)
    figure = _member_count(changed)
    erratum = Erratum(
        field="value",
        printed=str(figure.value.value),
        corrected=str(figure.value.value - 1),
        reason="The source states one member more than it lists.",
        citation=figure.citations[0],
    )
    explained = replace(changed, "figures", figure, errata=(erratum,))
    assert validate(explained) == ()


@pytest.mark.parametrize(
    ("qualifier", "offset", "holds"),
    [
        ("more-than", -1, True),
        ("more-than", 0, False),
        ("at-least", 0, True),
        ("at-least", 1, False),
        ("at-most", 0, True),
        ("at-most", -1, False),
        ("about", 0, True),
    ],
)
def test_a_qualified_count_is_compared_as_it_says(qualifier, offset, holds):
    ds = kd.load()
    figure = _member_count(ds)
    value = attrs.evolve(figure.value, value=figure.value.value + offset, qualifier=qualifier)
    found = validate(replace(ds, "figures", figure, value=value))
    assert (found == ()) == holds, found


def test_a_plan_may_run_past_its_source():
    ds = kd.load()
    doc = first(ds, "documents")
    later = DateRange(PartialDate(2090), PartialDate(2099))
    assert validate(replace(ds, "documents", doc, covers=later)) == ()
    (m,) = ds.meetings.filter(mechanism="asean-rok-summit", ordinal=13)
    planned = replace(ds, "meetings", m, status="planned", planned_date=PartialDate(2099))
    assert validate(planned) == ()


GARBAGE = st.one_of(
    st.none(),
    st.integers(),
    st.floats(),
    st.text(max_size=5),
    st.binary(max_size=5),
    st.lists(st.integers(), max_size=2),
    st.dates(),
    st.just(Decimal("NaN")),
    st.just(PartialDate(2000)),
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_records_built_in_code_with_any_field_values_never_crash_the_validator(data):
    cls = data.draw(st.sampled_from(list(record_classes().values())))
    record = data.draw(records(cls))
    field = data.draw(st.sampled_from([f.name for f in attrs.fields(cls)]))
    broken = attrs.evolve(record, **{field: data.draw(GARBAGE)})
    ds = Dataset({cls.collection_name: (broken,)})
    found = validate(ds)  # never raises
    assert all(v.invariant in INVARIANTS and v.message for v in found)


@pytest.mark.parametrize(
    ("field", "value", "invariant"),
    [
        ("citations", "mofa-asean", "field-type"),
        ("citations", (("mofa-asean", "overview"),), "field-type"),
        ("kind", "sumit", "field-type"),
        ("level", None, "field-type"),
        ("established", "2019", "field-type"),
        ("established", forged_date(2019, 0), "date-format"),
        ("memberships", (None,), "field-type"),
    ],
)
def test_a_wrongly_typed_field_is_reported_as_such(field, value, invariant):
    m = kd.mechanisms["east-asia-summit"]
    found = validate(replace(kd.load(), "mechanisms", m, **{field: value}))
    assert [(v.invariant, v.record_id) for v in found] == [(invariant, m.id)], found
    assert found[0].field.startswith(field)


def test_validate_takes_only_a_dataset():
    with pytest.raises(TypeError, match="not dict"):
        validate({})


def test_violations_read_as_record_field_and_expectation():
    ds, _ = negative_contribution(kd.load())
    (violation,) = validate(ds)
    assert str(violation).startswith(f"funds: {violation.record_id}: contributions[0].amount: ")
    assert str(violation).endswith("[amount]")


def test_the_docs_list_every_invariant():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "index.md").read_text("utf-8")
    assert [name for name in INVARIANTS if f"`{name}`" not in text] == []


def test_bundled_data_has_every_structure_the_mutations_need():
    # So the mutations above test something: each found its target in the bundled data.
    ds = kd.load()
    assert a_series(ds) and a_group(ds) and _member_count(ds) and _a_part(ds)


def _forget_worked_out_checks() -> None:
    """Make every lazily worked-out part of the plans cold, as in a fresh process."""
    from korea_diplomacy import _plan, validation

    for class_plan in list(_plan._plans.values()):
        class_plan._walked = None
        class_plan._dated = None
    validation._check_plans.clear()


def test_64_threads_validating_at_once_each_get_the_answer_of_one():
    # Each thread validates a dataset with one mutation; the caches start cold each round,
    # and threads switch more often than usual, so a cache filled unguarded shows.
    from threads import at_once, switching_often

    names = list(MUTATIONS)
    distinct = [MUTATIONS[name][1](kd.load())[0] for name in names]
    expected_of = [validate(ds) for ds in distinct]
    broken = [distinct[n % len(names)] for n in range(64)]
    expected = [expected_of[n % len(names)] for n in range(64)]
    assert all(expected)
    with switching_often():
        _forget_worked_out_checks()
        assert at_once(64, lambda n: validate(broken[n])) == expected
