"""Finding goods as you type: name, pinyin initials, any barcode; words that start a field first."""

from __future__ import annotations

from kiosk.core.catalogue_index import CatalogueIndex, Entry
from kiosk.core.points import Points
from kiosk.services.shop import catalogue, catalogue_search

RICE = "6901234567892"


def test_by_name_initials_and_barcode(shop):
    assert [e.name for e in catalogue_search.search(shop, "大米").entries] == ["大米 5kg"]
    assert [e.name for e in catalogue_search.search(shop, "XZ").entries] == ["香皂"]
    assert [e.name for e in catalogue_search.search(shop, "692000").entries] == ["牙膏"]
    assert [e.name for e in catalogue_search.search(shop, "００００１２").entries] == ["牙膏"]   # full-width
    assert catalogue_search.search(shop, "").total == 3
    assert catalogue_search.search(shop, "咖啡").entries == ()


def test_an_extra_barcode_finds_its_product(shop):
    rice = catalogue.detail(shop, RICE)
    catalogue.edit(shop, rice.product.id, catalogue.with_changes(rice, extra_barcodes=("6902088005073",)))
    index = catalogue_search.load_index(shop)
    assert [e.name for e in index.find("6902088").entries] == ["大米 5kg"]
    assert index.by_code("6902088005073").code == RICE


def test_retired_goods_only_when_asked(shop):
    catalogue.set_active(shop, "牙膏", False)
    assert "牙膏" not in [e.name for e in catalogue_search.search(shop, "").entries]
    found = catalogue_search.search(shop, "yg", include_retired=True).entries
    assert [(e.name, e.active) for e in found] == [("牙膏", False)]


def _entry(n: int, name: str, initials: str, code: str) -> Entry:
    return Entry(str(n), code, name, initials, "", "件", Points(100), 1, True, False, (code,))


def test_every_word_must_match_and_a_word_that_starts_a_field_ranks_first():
    index = CatalogueIndex([_entry(1, "金龙鱼大米 5kg", "jlydm5kg", "6939000000011"),
                            _entry(2, "东北大米 10kg", "dbdm10kg", "6939000000028"),
                            _entry(3, "大米粥", "dmz", "6939000000035")])
    assert [e.name for e in index.find("大米").entries] == ["大米粥", "金龙鱼大米 5kg", "东北大米 10kg"]
    assert [e.name for e in index.find("大米 5kg").entries] == ["金龙鱼大米 5kg"]
    assert index.find("dm").entries[0].name == "大米粥"


def test_a_long_list_is_cut_but_counted():
    index = CatalogueIndex([_entry(n, f"商品{n}", f"sp{n}", f"69390{n:08d}") for n in range(5_000)])
    found = index.find("sp", limit=200)
    assert len(found.entries) == 200 and found.total == 5_000
    assert index.find("sp4999").total == 1
