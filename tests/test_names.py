import pytest

from korea_diplomacy.names import normalise


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ASEAN-ROK Summit", "asean–rok summit"),
        ("ASEAN-ROK Summit", "ASEAN Republic of Korea Summit"),
        ("ASEAN-Korea Centre", "ASEAN ROK Centre"),
        ("한-아세안 정상회의", "한·아세안 정상회의"),
        ("동아시아정상회의", "동아시아 정상회의"),
        ("Democratic People's Republic of Korea", "DPRK"),
        ("North Korea", "D.P.R.K."),
    ],
)
def test_equivalent_spellings(a, b):
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Korea", "North Korea"),
        ("Republic of Korea", "Democratic People's Republic of Korea"),
        ("ROK", "DPRK"),
    ],
)
def test_the_two_koreas_never_meet(a, b):
    assert normalise(a) != normalise(b)
