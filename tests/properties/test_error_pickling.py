"""Every error of the library survives pickling (so it can cross from a worker process)."""

from __future__ import annotations

import copy
import pickle

from hypothesis import given
from hypothesis import strategies as st

import korea_diplomacy as kd
from korea_diplomacy import errors

TEXT = st.text(max_size=20)
TEXTS = st.lists(TEXT, max_size=4)

BY_CLASS = {
    kd.NotFoundError: st.builds(kd.NotFoundError, TEXT, TEXT | st.integers(), TEXTS),
    kd.AmbiguousLookupError: st.builds(kd.AmbiguousLookupError, TEXT, TEXT, TEXTS),
    kd.DateParseError: st.builds(kd.DateParseError, TEXT | st.integers() | st.none(), TEXT),
    kd.InvalidCriteriaError: st.builds(kd.InvalidCriteriaError, TEXT, TEXTS),
    kd.DataError: st.builds(kd.DataError, TEXTS, st.integers(0, 10**9)),
    kd.MissingExtraError: st.builds(kd.MissingExtraError, TEXT, TEXT, st.none() | TEXT),
    kd.ExportError: st.builds(kd.ExportError, TEXT, TEXTS),
    kd.KoreaDiplomacyError: st.builds(kd.KoreaDiplomacyError, TEXT),
}
ERRORS = st.one_of(*BY_CLASS.values())


def _same(error: BaseException, again: BaseException) -> None:
    assert type(again) is type(error)
    assert str(again) == str(error)
    assert again.args == error.args
    assert vars(again) == vars(error)


@given(ERRORS)
def test_every_error_round_trips_through_pickle_and_copy(error):
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        _same(error, pickle.loads(pickle.dumps(error, protocol)))
    _same(error, copy.copy(error))
    _same(error, copy.deepcopy(error))


def test_the_strategy_covers_every_public_error():
    assert set(BY_CLASS) == {getattr(errors, name) for name in errors.__all__}


@given(st.integers(0, 10**6), TEXT)
def test_an_error_about_one_item_of_a_list_pickles_too(index, message):
    from korea_diplomacy._plan import ItemError

    error = ItemError(index, ValueError(message))
    again = pickle.loads(pickle.dumps(error))
    assert (again.index, str(again.error), str(again)) == (index, message, str(error))
