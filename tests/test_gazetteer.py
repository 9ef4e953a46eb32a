"""The gazetteer built from underthesea's mapping data: folding, lookup, scope, the 2025 mapping."""

from __future__ import annotations

import pytest

from vbminer import gazetteer as g

MINI = {
    "province_names": {"tinhnghean": {"name": "Tỉnh Nghệ An", "short": "Nghệ An", "code": "40"}},
    "old_province_names": {"tinhnghean": {"name": "Tỉnh Nghệ An", "short": "Nghệ An", "code": "40"},
                           "tinhhatinh": {"name": "Tỉnh Hà Tĩnh", "short": "Hà Tĩnh", "code": "42"}},
    "province_mapping": {"tinhnghean": "tinhnghean"},
    "ward_mapping": [
        {"old_province": "Tỉnh Nghệ An", "old_province_key": "tinhnghean", "old_district": "Huyện Nam Đàn",
         "old_district_key": "huyennamdan", "old_ward": "Xã Nam Hưng", "old_ward_key": "xanamhung",
         "new_province": "Tỉnh Nghệ An", "new_province_key": "tinhnghean", "new_ward": "Xã Nam Đàn",
         "new_ward_key": "xanamdan", "mapping_type": "merged"},
        {"old_province": "Tỉnh Hà Tĩnh", "old_province_key": "tinhhatinh", "old_district": "Huyện Can Lộc",
         "old_district_key": "huyencanloc", "old_ward": "Xã Nam Hưng", "old_ward_key": "xanamhung",
         "new_province": "Tỉnh Hà Tĩnh", "new_province_key": "tinhhatinh", "new_ward": "Xã Can Lộc",
         "new_ward_key": "xacanloc", "mapping_type": "merged"},
        {"old_province": "Tỉnh Nghệ An", "old_province_key": "tinhnghean", "old_district": "Huyện Nam Đàn",
         "old_district_key": "huyennamdan", "old_ward": "Thị trấn Nam Đàn", "old_ward_key": "thitrannamdan",
         "new_province": "Tỉnh Nghệ An", "new_province_key": "tinhnghean", "new_ward": "Xã Nam Đàn",
         "new_ward_key": "xanamdan", "mapping_type": "merged"},
    ],
}


@pytest.fixture(scope="module")
def mini() -> g.Gazetteer:
    return g.build(MINI, {("tinhnghean", "huyennamdan", "xanamhung"): "17932"}, {("tinhnghean", "xanamdan"): "17935"})


@pytest.mark.parametrize(
    ("written", "folded", "stripped"),
    [
        ("Thanh Hoá", "thanh hóa", "thanh hoa"),
        ("  Nam   Hưng ", "nam hưng", "nam hung"),
        ("ĐÔNG SƠN", "đông sơn", "dong son"),
        ("Nghỉa Lộc", "nghỉa lộc", "nghia loc"),
        ("Ea H\u2019Leo", "ea h'leo", "ea h'leo"),  # the typographic apostrophe and the modifier letter ...
        ("Cư M\u02bcgar", "cư m'gar", "cu m'gar"),  # ... are the plain one
    ],
)
def test_fold_and_strip(written, folded, stripped):
    assert g.fold(written) == folded
    assert g.strip_marks(written) == stripped


@pytest.mark.parametrize(
    ("full", "kind", "name"),
    [("Thị trấn Nam Đàn", "thị trấn", "Nam Đàn"), ("Thành phố Vinh", "thành phố", "Vinh"),
     ("Xã Kim Liên", "xã", "Kim Liên"), ("Đặc khu Cồn Cỏ", "đặc khu", "Cồn Cỏ"), ("Quận 1", "quận", "1")],
)
def test_split_kind(full, kind, name):
    assert g.split_kind(full) == (kind, name)


def test_scope_prefers_the_issuers_district(mini):
    in_nam_dan = g.Scope(provinces=frozenset({"Tỉnh Nghệ An"}), districts=frozenset({"Huyện Nam Đàn"}))
    place = mini.resolve("Nam Hưng", "xã", in_nam_dan)
    assert place is not None and place.district == "Huyện Nam Đàn"
    assert place.code == "17932"
    assert (place.current_name, place.current_code) == ("Xã Nam Đàn", "17935")
    in_ha_tinh = g.Scope(provinces=frozenset({"Tỉnh Hà Tĩnh"}))
    assert mini.resolve("Nam Hưng", "xã", in_ha_tinh).province == "Tỉnh Hà Tĩnh"


def test_a_level_narrows_the_candidates_of_any_kind(mini):
    """A bare name in a list of communes: the level is known, the kind is not."""
    in_nam_dan = g.Scope(provinces=frozenset({"Tỉnh Nghệ An"}), districts=frozenset({"Huyện Nam Đàn"}))
    assert [p.full for p in mini.candidates("Nam Đàn", level="xã")] == ["Thị trấn Nam Đàn", "Xã Nam Đàn"]
    assert mini.candidates("Nam Đàn", "xã", level="huyện") == []
    assert mini.resolve("Nam Đàn", scope=in_nam_dan, require_scope=True, level="xã").full == "Thị trấn Nam Đàn"
    assert mini.resolve("Nam Đàn", scope=in_nam_dan, level="huyện").full == "Huyện Nam Đàn"


def test_ambiguous_name_without_scope_is_left_unresolved(mini):
    assert mini.resolve("Nam Hưng", "xã") is None
    assert mini.resolve("Nam Hưng", "xã", require_scope=True) is None


def test_misspelt_name_found_by_stripped_form(mini):
    scope = g.Scope(districts=frozenset({"Huyện Nam Đàn"}))
    assert mini.resolve("Nam Hung", "xã", scope).full == "Xã Nam Hưng"


@pytest.mark.parametrize(
    ("written", "full"),
    [
        ("Đakrông", "Huyện Đa Krông"),  # the syllables of a minority language's name written together ...
        ("Đa Krông", "Huyện Đa Krông"),
        ("Dakrong", "Huyện Đa Krông"),
        ("KrôngPắc", "Huyện Krông Pắc"),
    ],
)
def test_name_found_whatever_its_syllables_spacing(written, full):
    shipped = g.gazetteer()
    scope = g.Scope(provinces=frozenset({"Tỉnh Quảng Trị", "Tỉnh Đắk Lắk"}))
    assert shipped.resolve(written, "huyện", scope).full == full


def test_kind_narrows_candidates(mini):
    assert mini.resolve("Nam Đàn", "thị trấn").full == "Thị trấn Nam Đàn"
    assert mini.resolve("Nam Đàn", "huyện").full == "Huyện Nam Đàn"
    assert mini.resolve("Nghệ An", "tỉnh").code == "40"


def test_shipped_gazetteer_loads_once_and_scopes_an_issuer():
    gaz = g.gazetteer()
    assert gaz is g.gazetteer()
    assert len(gaz.places) > 10000
    scope = g.scope_for("Nam Đàn", "huyện", ["UBND TỈNH NGHỆ AN"], era="old")
    assert "Huyện Nam Đàn" in scope.districts and "Tỉnh Nghệ An" in scope.provinces
    assert gaz.resolve("Kim Liên", "xã", scope).district == "Huyện Nam Đàn"
