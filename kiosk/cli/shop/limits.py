"""kiosk product limit ITEM N --per week|month (限购), or --none to lift it."""

from __future__ import annotations

from kiosk.cli.session import acting
from kiosk.core.weighed import shown
from kiosk.i18n import _
from kiosk.services.shop import limits


def register(pr, operator_options) -> None:
    p = pr.add_parser("limit", help=_("限购：每户每周或每月最多换几件"))
    p.add_argument("item")
    p.add_argument("qty", nargs="?", default=None, help=_("每户最多换多少；不填并加 --none 取消限购"))
    p.add_argument("--per", default="month", help=_("周 或 月（week / month），默认 月"))
    p.add_argument("--none", action="store_true", help=_("取消限购"))
    operator_options(p)
    p.set_defaults(run=product_limit)


def product_limit(args, out) -> int | None:
    if args.qty is None and not args.none:
        out.error(_("请写每户最多换多少（如 2），或加 --none 取消限购。"), "usage")
        return 2
    with acting(args) as ctx:
        done = limits.set_limit(ctx, args.item, None if args.none else args.qty, args.per)
    if done is None:
        out.emit({"product": args.item, "limit": None, "per": None}, _("已取消限购"))
        return None
    out.emit({"product": done.name, "limit": shown(done.limit, done.scale), "per": done.period},
             done.words())
    return None
