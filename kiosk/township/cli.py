"""`kiosk-township`: the township's admin commands and `serve`. Exit 0 done, 1 refused, 2 usage."""

from __future__ import annotations

import argparse
import json
import os
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from kiosk.i18n import _, argparse_in_our_language, current_lang, word
from kiosk.messages.township import LABELS
from kiosk.township import cli_human, managers, merge, restore_judge, usb
from kiosk.township.console.accounts import ConsoleRefused
from kiosk.township.console.words import say
from kiosk.township.store import Store
from kiosk.township.tables import export, record_chain, terminals
from kiosk.township.words import TownshipRefused
from kiosk.township.words import say as township_say


def _parser() -> argparse.ArgumentParser:
    argparse_in_our_language()
    p = argparse.ArgumentParser(prog="kiosk-township", description=_("乡镇服务器管理"))
    p.add_argument("--db", default=os.environ.get("KIOSK_TOWNSHIP_DB", "township.sqlite3"),
                   help=_("乡镇数据库：SQLite 文件路径，或 postgresql://用户@服务器/库名"))
    p.add_argument("--json", action="store_true", help=_("输出 JSON"))
    sub = p.add_subparsers(dest="cmd", required=True, metavar=_("命令"))
    s = sub.add_parser("serve", help=_("启动乡镇服务器（收银机同步和网页管理台）"))
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8800)
    s.add_argument("--workers", type=int, default=1, help=_("服务进程数（PostgreSQL 时可以多于 1）"))
    sub.add_parser("migrate", help=_("建立或升级乡镇数据库的表"))
    sub.add_parser("export-to", help=_("把整个乡镇库搬到 PostgreSQL，逐条核对")).add_argument("url")
    v = sub.add_parser("village", help=_("村：添加、列出")).add_subparsers(dest="action", required=True)
    add = v.add_parser("add", help=_("添加一个村"))
    add.add_argument("name")
    add.add_argument("--currency", default="积分")
    v.add_parser("list", help=_("列出各村"))
    for name in ("code", "enroll"):
        sub.add_parser(name, help=_("给一个村的收银电脑开一次性接入码") if name == "code" else _("开接入码（同 code）")
                       ).add_argument("village")
    sub.add_parser("terminals", help=_("各村的收银电脑和最后联系时间"))
    pub = sub.add_parser("publish", help=_("发布兑换比例、积分标准、商品和价格")).add_subparsers(dest="kind", required=True)
    rate = pub.add_parser("rate", help=_("两个村之间积分的兑换比例"))
    rate.add_argument("village_a")
    rate.add_argument("village_b")
    rate.add_argument("rate")
    published = {"rule": _("从文件发布积分标准"), "product": _("从文件发布商品"), "price": _("从文件发布价格")}
    for kind, alias in (("rule", "rules"), ("product", "goods"), ("price", "prices")):
        item = pub.add_parser(kind, aliases=[alias], help=published[kind])
        item.set_defaults(kind=kind)
        item.add_argument("file", type=Path)
        item.add_argument("--village", default=None, help=_("只发给这个村"))
    for name in ("balances", "ranking"):
        b = sub.add_parser(name, help=_("各户积分余额") if name == "balances" else _("累计积分排行"))
        b.add_argument("village", nargs="?")
        b.add_argument("--village", dest="village_opt")
    sub.add_parser("incidents", help=_("要乡镇处理的事件")).add_argument("--all", action="store_true",
                                                                    help=_("连已处理的也列出"))
    r = sub.add_parser("resolve", help=_("把一个事件标为已处理"))
    r.add_argument("incident", help=_("事件的编号（kiosk-township incidents 列出的 #几）"))
    r.add_argument("--note", required=True)
    allow = sub.add_parser("allow-copy", help=_("核对过村里的数据后，让换号被拒的收银机换新的终端号"))
    allow.add_argument("incident", help=_("事件的编号（kiosk-township incidents 列出的 #几）"))
    allow.add_argument("--by", required=True, help=_("谁核对的（您的名字）"))
    allow.add_argument("--note", required=True, help=_("怎么核对的"))
    user = sub.add_parser("user", help=_("网页管理台的用户")).add_subparsers(dest="action", required=True)
    user_add = user.add_parser("add", help=_("管理台用户：打印一次性密码，第一次登录时必须修改"))
    user_add.add_argument("name")
    user_add.add_argument("--role", required=True, choices=("admin", "clerk", "viewer"))
    user_add.add_argument("--village", default=None)
    sub.add_parser("verify", help=_("核验积分证明：文件或文字")).add_argument("file_or_text")
    cm = sub.add_parser("confirm-manager", help=_("确认村里的一位管理员（本人改过密码后；回避时可以做第二位确认）"))
    cm.add_argument("village")
    cm.add_argument("name")
    sub.add_parser("check-records", help=_("核对乡镇保存的每台收银机的记录还和收到时一样"))
    i = sub.add_parser("import", help=_("导入村里带来的U盘文件，写出回执"))
    i.add_argument("file", type=Path)
    i.add_argument("--reply", type=Path, required=True)
    return p


def _points(hundredths: int) -> str:
    return f"{Decimal(hundredths) / 100:.2f}"


def _publish(store: Store, args) -> dict:
    if args.kind == "rate":
        a, b = store.village(args.village_a), store.village(args.village_b)
        try:
            rate = Decimal(args.rate)
        except InvalidOperation:
            raise TownshipRefused("bad_rate") from None
        if not rate.is_finite() or rate <= 0:
            raise TownshipRefused("bad_rate")
        body, village_id = {"from_village": a["id"], "from_name": a["name"], "to_village": b["id"],
                            "to_name": b["name"], "rate": str(rate)}, None
    else:
        try:
            body = json.loads(args.file.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise TownshipRefused("bad_file", path=str(args.file), detail=str(exc)) from None
        bodies = body if isinstance(body, list) else [body]
        if not bodies or not all(isinstance(b, dict) for b in bodies):
            raise TownshipRefused("bad_file", path=str(args.file), detail="not an object or a list of objects")
        village_id = store.village(args.village)["id"] if args.village else None
        if args.kind == "rule":
            bodies = _versioned(store, bodies)
        return store.publish_all(args.kind, bodies, village_id)
    return store.publish_all("rate", [body], village_id)


def _versioned(store: Store, bodies: list[dict]) -> list[dict]:
    """A rule whose code the township published before is its next version (same id), as the console does."""
    from kiosk.township.console import catalogue

    held = catalogue.township_rules(store)
    return [body | {"id": held[body["code"]]["id"], "version": int(held[body["code"]].get("version") or 1) + 1}
            if body.get("code") in held else body for body in bodies]



def _balances(store: Store, name: str, ranking: bool) -> dict:
    from kiosk.township.console import queries

    village = store.village(name)
    rows = terminals.balances(store, village["id"], "earned" if ranking else "account")
    homes = {a: h for h in queries.households(store, village["id"]) for a in h.accounts}
    accounts = [{"account": r["account_id"], "house_no": homes[r["account_id"]].house_no if r["account_id"] in homes
                 else "", "head": homes[r["account_id"]].head if r["account_id"] in homes else "",
                 "balance": _points(r["hundredths"]), "earned": _points(r["earned"])} for r in rows]
    if ranking:
        for n, a in enumerate(accounts, 1):
            a["rank"] = n
    return {"village": village["name"], "currency": village["currency"],
            ("ranking" if ranking else "balances"): accounts}


def _incidents(store: Store, everything: bool) -> dict:
    return {"incidents": cli_human.numbered_incidents(store, everything),
            "waiting_for_credits": cli_human.waiting_for_credits(store)}


def _resolve(store: Store, wanted: str, note: str) -> dict:
    """`resolve 3 --note …`: the incident numbered 3 in `incidents` (or its id, from a script)."""
    found = cli_human.incident_by_number(store, wanted)
    if found is None:
        raise TownshipRefused("incident_unknown", id=wanted)
    number, incident_id = found
    incident = next(i for i in cli_human.numbered_incidents(store, True) if i["no"] == number)
    if incident["resolved_at"] is not None:
        raise TownshipRefused("incident_resolved", id=f"#{number}")
    what = cli_human.incident_what(store, incident, "zh")
    return merge.resolve(store, incident_id, note) | {"no": number, "what": what}


def _allow_copy(store: Store, wanted: str, by: str, note: str) -> dict:
    """`allow-copy 3 --by 王会计 --note …`: the counter refused a new identity in incident 3 gets it."""
    found = cli_human.incident_by_number(store, wanted)
    if found is None:
        raise TownshipRefused("incident_unknown", id=wanted)
    return restore_judge.allow(store, found[1], by, note) | {"no": found[0]}


def _run(store: Store, args) -> dict:
    if args.cmd == "village":
        if args.action == "add":
            return {"village": store.add_village(args.name, args.currency)}
        return {"villages": [dict(r) for r in terminals.villages_by_name(store)]}
    if args.cmd in ("code", "enroll"):
        return store.issue_code(args.village)
    if args.cmd == "terminals":
        return {"terminals": [dict(r) for r in terminals.terminals_with_villages(store)]}
    if args.cmd == "publish":
        return _publish(store, args)
    if args.cmd in ("balances", "ranking"):
        name = args.village or args.village_opt
        return _balances(store, name, args.cmd == "ranking")
    if args.cmd == "incidents":
        return _incidents(store, args.all)
    if args.cmd == "user":
        from kiosk.township.console import accounts
        password = accounts.add_user(store, args.name, args.role, args.village)
        return {"user": args.name, "role": args.role, "one_time_password": password}
    if args.cmd == "verify":
        return _verify(store, args.file_or_text)
    if args.cmd == "resolve":
        return _resolve(store, args.incident, args.note)
    if args.cmd == "allow-copy":
        return _allow_copy(store, args.incident, args.by, args.note)
    if args.cmd == "check-records":
        return _check_records(store)
    if args.cmd == "confirm-manager":
        return managers.confirm(store, args.village, args.name)
    return usb.import_bundle(store, args.file, args.reply)


def _check_records(store: Store) -> dict:
    """Every terminal's records worked out again against the township's chain of them (exit 1 if one changed)."""
    problems = record_chain.verify(store)
    if problems:
        raise TownshipRefused("records_changed", detail="\n".join(problems))
    return {"records_kept": township_say("records_all_kept", "en" if current_lang() == "en" else "zh")}


def _verify(store: Store, file_or_text: str) -> dict:
    """积分证明 checked against this township's key; refused (exit 1) unless genuine."""
    from kiosk.township.console import certificate, verdicts
    text = file_or_text
    if not file_or_text.lstrip().startswith(certificate.PREFIX + "."):
        try:
            text = Path(file_or_text).read_text("utf-8", errors="replace")
        except OSError as exc:
            raise TownshipRefused("bad_file", path=file_or_text, detail=str(exc)) from None
    verdict = verdicts.verify(store, text)
    words = say(f"v_{verdict.code}", "en" if current_lang() == "en" else "zh")
    if not verdict.genuine:
        raise ConsoleRefused(f"v_{verdict.code}")
    shown = verdict.statement or {}
    return {"verdict": words, "village": shown.get("village"), "house_no": shown.get("house_no"),
            "head": shown.get("head"), "balance": shown.get("balance"), "valid_until": shown.get("valid_until")}


def _human(store: Store, cmd: str, result: dict) -> str:
    """What a person reads: names and house numbers, never ids or a Python dict."""
    lang = "en" if current_lang() == "en" else "zh"
    shown = {"village": cli_human.villages, "terminals": cli_human.terminals, "publish": cli_human.published,
             "balances": cli_human.balances, "ranking": cli_human.balances, "resolve": cli_human.resolved,
             "confirm-manager": cli_human.manager_confirmed, "allow-copy": cli_human.allowed_copy}
    if cmd in shown:
        return "\n".join(shown[cmd](result, lang))
    if cmd == "incidents":
        return "\n".join(cli_human.incidents(store, result, lang))
    if cmd == "import":
        return "\n".join(cli_human.imported(store, result, lang))
    return _show(result)


def _show(result: dict) -> str:
    lines = []
    for key, value in result.items():
        key = word(LABELS, key)
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend("  " + "  ".join(f"{k}={v}" for k, v in item.items()) if isinstance(item, dict)
                         else f"  {item}" for item in value)
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines)


def _serve(args) -> int:
    import uvicorn

    # warnings and errors only; no access log (its lines were never shown at this level, yet
    # every answer still formatted one)
    quiet = {"host": args.host, "port": args.port, "log_level": "warning", "access_log": False}
    if args.workers > 1:      # each worker process builds its own app from the environment
        os.environ["KIOSK_TOWNSHIP_DB"] = str(args.db)
        uvicorn.run("kiosk.township.app:from_environment", factory=True, workers=args.workers, **quiet)
        return 0
    from kiosk.township.app import serving_app
    uvicorn.run(serving_app(args.db), **quiet)
    return 0


def _command(store: Store, args) -> dict:
    if args.cmd == "migrate":
        return {"database": store.shown, "schema_version": store.schema_version()}
    if args.cmd == "export-to":
        return export.export_to(store, args.url)
    return _run(store, args)


def _which_village(store: Store, command: str) -> int:
    """balances/ranking with no village: a usage error (exit 2) that names the villages there are."""
    try:
        names = [v["name"] for v in terminals.villages_by_name(store)]
    finally:
        store.close()
    print(township_say("village_needed", command=command, example=names[0] if names else "青石村",
                       villages="、".join(names) or "—"), file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        store = Store(args.db)      # checks what the database is and brings its schema up to date
    except TownshipRefused as exc:
        print(exc.words(), file=sys.stderr)
        return 1
    if args.cmd == "serve":
        store.close()
        return _serve(args)
    if args.cmd in ("balances", "ranking") and not (args.village or args.village_opt):
        return _which_village(store, args.cmd)
    try:
        result = _command(store, args)
        print(json.dumps(result, ensure_ascii=False) if args.json else _human(store, args.cmd, result))
    except TownshipRefused as exc:
        print(exc.words(), file=sys.stderr)
        return 1
    except ConsoleRefused as exc:
        print(say(exc.code, "en" if current_lang() == "en" else "zh", **exc.params), file=sys.stderr)
        return 1
    except BrokenPipeError:   # `kiosk-township balances 青石村 | head`
        sys.stderr.close()
        return 0
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
