"""What each button of the residents section does: the form it opens and the service it calls."""

from __future__ import annotations

from html import escape

from kiosk.config import LEAVE_POINTS
from kiosk.i18n import _, word
from kiosk.messages.values import STATUS_WORDS
from kiosk.services.points import certificates
from kiosk.services.people import cards, households, resident_changes, resident_import
from kiosk.services.setup import settings
from kiosk.ui.manage import residents_forms as forms
from kiosk.ui.manage.stock_parts import open_document, papers_dir


def describe(st) -> str:
    """The chosen resident and their household, as rich text for the details panel."""
    r = st.resident
    members = "、".join(escape(m.name) + (f"（{escape(m.relation)}）" if m.relation else "")
                        + ("" if m.status == "active" else f"〔{word(STATUS_WORDS, m.status)}〕")
                        for m in st.members)
    contact = "　".join(part for part in (
        _("电话 {value}").format(value=escape(r.phone)) if r.phone else "",
        _("身份证后四位 {id_last4}").format(id_last4=r.id_last4) if r.id_last4 else "") if part)
    return "<br>".join(line for line in (
        f"<span style='font-size:28px; font-weight:bold'>{escape(r.name)}</span>"
        + (f"　{escape(r.relation)}" if r.relation else ""),
        _("门牌号 <b>{value}</b>　卡号 {card_code}　<b>{value2}</b>").format(value=escape(r.house_no), card_code=r.card_code, value2=word(STATUS_WORDS, r.status)),
        contact,
        _("积分余额 <b>{balance}</b> 分　今年得分 {year_score}　等次 {value}").format(balance=st.balance, year_score=st.year_score, value=escape(st.grade)),
        _("户成员：{members}").format(members=members)) if line)


def start(section, key: str, st) -> None:
    r, run = st.resident, section.session.runner.run
    ctx = section.session.context
    if key == "return":
        run(lambda: resident_changes.rejoin(ctx(), r.card_code),
            lambda done: section.changed(_("{name} 已恢复在册，卡又能用了。").format(name=done.name), done),
            section._refused)
    elif key == "cards":
        run(lambda: _print_cards(section, r.house_no), lambda text: section.changed(text, r), section._refused)
    elif key == "certificate":
        run(lambda: _print_certificate(section, r.house_no), lambda text: section.changed(text, r), section._refused)
    elif key == "leave":
        run(lambda: settings.value(section.session.reader(), LEAVE_POINTS),
            lambda default: _open(section, forms.leave_form(r.name, default), lambda v: _leave(section, r, v)),
            section._refused)
    else:
        form, submit = _FORMS[key](section, st)
        _open(section, form, submit)


def _open(section, form, submit) -> None:
    form.submitted.connect(submit)
    section.show_form(form)


def _edit(section, st):
    r = st.resident
    form = forms.edit_form(r.name)
    form.fill({"name": r.name, "relation": r.relation, "phone": r.phone, "id_last4": r.id_last4})

    def submit(v: dict) -> None:
        section.session.runner.run(
            lambda: resident_changes.edit(section.session.context(), r.card_code, **v),
            lambda done: section.changed(_("已改好 {name} 的信息。").format(name=done.name), done),
            section._refused)
    return form, submit


def _move(section, st):
    r = st.resident

    def submit(v: dict) -> None:
        section.session.runner.run(
            lambda: resident_changes.move(section.session.context(), r.card_code, v["house_no"], v["relation"]),
            lambda done: section.changed(_("{name} 已迁入 {house_no}。").format(name=done.name, house_no=done.house_no), done),
            section._refused)
    return forms.move_form(r.name), submit


def _split(section, st):
    r = st.resident
    form = forms.split_form(r.house_no, [(m.card_code, m.name) for m in st.members if m.status == "active"])
    form.choices["members"].choose(r.card_code)

    def submit(v: dict) -> None:
        section.session.runner.run(
            lambda: households.split(section.session.context(), r.house_no, v["members"], v["new_house_no"],
                                     v["points"] or None),
            lambda done: section.changed(_("已分户：{value} 另立 {other_house_no}，带走 {points} 分。").format(value='、'.join(done.members), other_house_no=done.other_house_no, points=done.points, value2=', '.join(done.members)), r),
            section._refused)
    return form, submit


def _merge(section, st):
    r = st.resident

    def submit(v: dict) -> None:
        section.session.runner.run(
            lambda: households.merge(section.session.context(), r.house_no, v["into"]),
            lambda done: section.changed(_("已合户：{house_no} 的 {count} 人和 {points} 分并入 {other_house_no}。").format(house_no=done.house_no, count=len(done.members), points=done.points, other_house_no=done.other_house_no), r),
            section._refused)
    return forms.merge_form(r.house_no), submit


def _leave(section, r, v: dict) -> None:
    if not v["status"]:
        section.feedback.show_message(_("请选“已迁出”或“已故”。"), "warn")
        return
    section.session.runner.run(
        lambda: resident_changes.leave(section.session.context(), r.card_code, v["status"][0],
                                       (v["points"] or [None])[0]),
        lambda left: section.changed(_left_words(left), left.resident), section._refused)


def _left_words(left) -> str:
    r, status = left.resident, word(STATUS_WORDS, left.status)
    if left.points == "forfeit":
        then = _("积分 {amount} 分已作废。").format(amount=left.amount)
    elif left.amount:
        then = _("积分 {amount} 分转给了{to}。").format(amount=left.amount, to=left.to)
    else:
        then = _("积分留在原处。")
    return _("{name} 已登记为{status}，卡 {card_code} 已停用。").format(name=r.name, status=status, card_code=r.card_code) + then


def _reissue(section, st):
    r = st.resident

    def submit(v: dict) -> None:
        reason = v["reason"] or "".join(v["why"])
        section.session.runner.run(
            lambda: cards.reissue(section.session.context(), r.card_code, reason),
            lambda done: section.changed(_("{name} 的新卡号 {new_code}，旧卡 {old_code} 已作废。请点“打印这户的卡”。").format(name=done.name, new_code=done.new_code, old_code=done.old_code), r),
            section._refused)
    return forms.reissue_form(r.name), submit


def _print_cards(section, house_no: str) -> str:
    folder = papers_dir(section.session, "村民卡")
    folder.mkdir(parents=True, exist_ok=True)
    path, count = cards.save_sheet(section.session.context(), folder / f"{house_no}.pdf", household=house_no)
    open_document(path)
    return _("已生成 {count} 张卡：{path}，已打开，可以从那里打印。").format(count=count, path=path)


def _print_certificate(section, house_no: str) -> str:
    """积分证明 from the township's last snapshot (the service refuses, saying to sync, without one)."""
    folder = papers_dir(section.session, "积分证明")
    made = certificates.write_pdf(section.session.context(), house_no, folder / f"{house_no}.pdf")
    open_document(folder / f"{house_no}.pdf")
    return _("{house_no} 的积分证明已打开，可以从那里打印。{age}。").format(house_no=made.house_no, age=made.age_words())


def export(section, path: str) -> None:
    section.session.runner.run(
        lambda: resident_import.export_residents(section.session.context(), path),
        lambda done: section.feedback.show_message(_("已导出 {value} 位村民：{value2}").format(value=done[1], value2=done[0]), "ok"),
        section._refused)


_FORMS = {"edit": _edit, "move": _move, "split": _split, "merge": _merge, "reissue": _reissue}
