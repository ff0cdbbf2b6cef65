"""Why a round with the township stopped, as a manager reads it on the sync screen and the CLI:
plain Chinese, never the network library's English name for the fault, a status number, a web
page's text or a record id (the counter's screen is read by a village manager)."""

from __future__ import annotations

import re

import httpx
import pytest

from kiosk.i18n import message
from kiosk.services.sync import admin as sync_admin
from tests.services.sync.test_sync_admin import _enrolled

LATIN = re.compile(r"[A-Za-z]")
NETWORK_FAULTS = [httpx.ConnectError, httpx.ConnectTimeout, httpx.ReadTimeout, httpx.WriteTimeout,
                  httpx.PoolTimeout, httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError,
                  httpx.LocalProtocolError, httpx.ProxyError, httpx.CloseError, httpx.DecodingError,
                  httpx.ProtocolError, httpx.TooManyRedirects]


def _round(shop, answer) -> tuple[str, str]:
    """One round through `answer` (a transport's handler): what the screen says now and of the last error."""
    result = sync_admin.sync_now(shop, httpx.Client(transport=httpx.MockTransport(answer)))
    assert not result.ok
    return sync_admin.result_words(result), sync_admin.overview(shop).last_error


@pytest.mark.parametrize("fault", NETWORK_FAULTS, ids=lambda fault: fault.__name__)
def test_a_network_fault_is_said_in_chinese(shop, fault):
    _enrolled(shop)

    def failing(request):
        raise fault("boom", request=request)

    now, last = _round(shop, failing)
    assert now.startswith("连不上乡镇服务器（") and now == last
    assert not LATIN.search(now), now


@pytest.mark.parametrize(("status", "page", "said"), [
    (404, "<html><body><h1>404 Not Found</h1>nginx</body></html>", "那个地址上不是乡镇服务器"),
    (405, '{"detail": "Method Not Allowed"}', "那个地址上不是乡镇服务器"),
    (422, '{"detail": [{"type": "missing", "loc": ["body", "records"], "msg": "Field required"}]}',
     "看不懂这台电脑发去的内容"),
    (413, "<html>Request Entity Too Large</html>", "一次发去的东西太多"),
    (500, "Internal Server Error", "乡镇服务器自己出了错"),
    (409, '{"detail": "Conflict"}', "乡镇服务器不接受，也没有说为什么"),
    (404, '{"message": "Not Found"}', "那个地址上不是乡镇服务器"),     # a middle's words, not the township's
], ids=["proxy-404", "405", "422", "413", "500", "409", "middle-404"])
def test_an_answer_that_is_not_the_townships_words_is_said_by_its_kind(shop, status, page, said):
    _enrolled(shop)
    now, last = _round(shop, lambda request: httpx.Response(status, text=page))
    assert now.startswith("乡镇服务器拒绝了这次同步：") and said in now and now == last
    assert "HTTP" not in now and not LATIN.search(now), now


def test_a_busy_township_is_said_in_chinese(shop):
    _enrolled(shop)
    now, _last = _round(shop, lambda request: httpx.Response(503, text="<html>Service Unavailable</html>"))
    assert "乡镇服务器正忙或在维护" in now and not LATIN.search(now), now


def test_the_townships_own_words_are_shown_as_they_came(shop):
    _enrolled(shop)
    words = "这台终端已被乡镇停用，请联系乡镇管理员。"
    now, _last = _round(shop, lambda request: httpx.Response(403, json={"error": "x", "message": words}))
    assert now == f"乡镇服务器拒绝了这次同步：{words}。数据都还在本机，请联系乡镇管理员。"


def test_an_answer_the_counter_cannot_read_names_nothing_technical(shop):
    _enrolled(shop)
    now, last = _round(shop, lambda request: httpx.Response(200, text="not json at all"))
    assert now == "乡镇服务器的回答不完整或看不懂，这次什么也没改。稍后会再试。" and now == last


def test_the_books_busy_is_said_in_chinese():
    assert message("sync_local_error", detail="database is locked") == \
        "这次同步没做完：本机数据库忙或出错（数据库正被另一个程序使用）。什么也没丢，稍后会再试。"


def test_every_fault_the_network_library_names_has_words():
    """Whatever httpx raises, the counter notes its name (kiosk/sync/calls.py): each one has words."""
    import inspect

    from kiosk.messages.values import DETAIL_WORDS
    raised = {name for name, kind in vars(httpx).items() if inspect.isclass(kind) and issubclass(kind, httpx.HTTPError)}
    assert raised <= set(DETAIL_WORDS)


def test_a_damaged_backup_is_not_called_this_pcs_books():
    said = message("backup_corrupt", path="E:/备份/青石村.db", detail="database disk image is malformed")
    assert "数据库文件坏了" in said and "本机" not in said and not LATIN.search(said.replace("E:/", "").replace(".db", ""))


def test_an_english_screen_reads_the_fault_in_english():
    said = message("sync_offline", "en", detail="ConnectError")
    assert "the network is down, or the township server is not running" in said and "ConnectError" not in said
