"""What each button of the residents section does: the form it opens and the service it calls."""

from __future__ import annotations

from html import escape

from kiosk.config import LEAVE_POINTS
from kiosk.i18n import STATUS_WORDS, tr, word
from kiosk.services import (
    cards,
    households,
    resident_changes,
    resident_import,
    settings,
)
from kiosk.ui.manage import residents_forms as forms
from kiosk.ui.manage.stock_parts import open_document, papers_dir


def describe(st) -> str:
    """The chosen resident and their household, as rich text for the details panel."""
    r = st.resident
    members = "、".join(escape(m.name) + (f"（{escape(m.relation)}）" if m.relation else "")
                        + ("" if m.status == "active" else f"〔{word(STATUS_WORDS, m.status)}〕")
                        for m in st.members)
    contact = "　".join(part for part in (
        tr(f"电话 {escape(r.phone)}", f"Phone {escape(r.phone)}") if r.phone else "",
        tr(f"身份证后四位 {r.id_last4}", f"ID last 4 {r.id_last4}") if r.id_last4 else "") if part)
    return "<br>".join(line for line in (
        f"<span style='font-size:28px; font-weight:bold'>{escape(r.name)}</span>"
        + (f"　{escape(r.relation)}" if r.relation else ""),
        tr(f"门牌号 <b>{escape(r.house_no)}</b>　卡号 {r.card_code}　<b>{word(STATUS_WORDS, r.status)}</b>",
           f"House <b>{escape(r.house_no)}</b>  card {r.card_code}  <b>{word(STATUS_WORDS, r.status)}</b>"),
        contact,
        tr(f"积分余额 <b>{st.balance}</b> 分　今年得分 {st.year_score}　等次 {escape(st.grade)}",
           f"Balance <b>{st.balance}</b>  this year {st.year_score}  grade {escape(st.grade)}"),
        tr(f"户成员：{members}", f"Members: {members}")) if line)


def start(section, key: str, st) -> None:
    r, run = st.resident, section.session.runner.run
    ctx = section.session.context
    if key == "return":
        run(lambda: resident_changes.rejoin(ctx(), r.card_code),
            lambda done: section.changed(tr(f"{done.name} 已恢复在册，卡又能用了。", f"{done.name} is active again."), done),
            section._refused)
    elif key == "cards":
        run(lambda: _print_cards(section, r.house_no), lambda text: section.changed(text, r), section._refused)
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
            lambda done: section.changed(tr(f"已改好 {done.name} 的信息。", f"{done.name}'s details saved."), done),
            section._refused)
    return form, submit


def _move(section, st):
    r = st.resident

    def submit(v: dict) -> None:
        section.session.runner.run(
            lambda: resident_changes.move(section.session.context(), r.card_code, v["house_no"], v["relation"]),
            lambda done: section.changed(tr(f"{done.name} 已迁入 {done.house_no}。", f"{done.name} moved to {done.house_no}."), done),
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
            lambda done: section.changed(tr(
                f"已分户：{'、'.join(done.members)} 另立 {done.other_house_no}，带走 {done.points} 分。",
                f"Split: {', '.join(done.members)} now at {done.other_house_no} with {done.points} points."), r),
            section._refused)
    return form, submit


def _merge(section, st):
    r = st.resident

    def submit(v: dict) -> None:
        section.session.runner.run(
            lambda: households.merge(section.session.context(), r.house_no, v["into"]),
            lambda done: section.changed(tr(
                f"已合户：{done.house_no} 的 {len(done.members)} 人和 {done.points} 分并入 {done.other_house_no}。",
                f"Merged {done.house_no} into {done.other_house_no} with {done.points} points."), r),
            section._refused)
    return forms.merge_form(r.house_no), submit


def _leave(section, r, v: dict) -> None:
    if not v["status"]:
        section.feedback.show_message(tr("请选“已迁出”或“已故”。", "Choose moved away or deceased."), "warn")
        return
    section.session.runner.run(
        lambda: resident_changes.leave(section.session.context(), r.card_code, v["status"][0],
                                       (v["points"] or [None])[0]),
        lambda left: section.changed(_left_words(left), left.resident), section._refused)


def _left_words(left) -> str:
    r, status = left.resident, word(STATUS_WORDS, left.status)
    if left.points == "forfeit":
        then = tr(f"积分 {left.amount} 分已作废。", f"{left.amount} points forfeited.")
    elif left.amount:
        then = tr(f"积分 {left.amount} 分转给了{left.to}。", f"{left.amount} points went to {left.to}.")
    else:
        then = tr("积分留在原处。", "The points stay where they are.")
    return tr(f"{r.name} 已登记为{status}，卡 {r.card_code} 已停用。", f"{r.name} is {status}; card stopped. ") + then


def _reissue(section, st):
    r = st.resident

    def submit(v: dict) -> None:
        reason = v["reason"] or "".join(v["why"])
        section.session.runner.run(
            lambda: cards.reissue(section.session.context(), r.card_code, reason),
            lambda done: section.changed(tr(
                f"{done.name} 的新卡号 {done.new_code}，旧卡 {done.old_code} 已作废。请点“打印这户的卡”。",
                f"{done.name}'s new card is {done.new_code}; {done.old_code} no longer works."), r),
            section._refused)
    return forms.reissue_form(r.name), submit


def _print_cards(section, house_no: str) -> str:
    folder = papers_dir(section.session, "村民卡")
    folder.mkdir(parents=True, exist_ok=True)
    path, count = cards.save_sheet(section.session.context(), folder / f"{house_no}.pdf", household=house_no)
    open_document(path)
    return tr(f"已生成 {count} 张卡：{path}，已打开，可以从那里打印。", f"{count} cards saved as {path} and opened.")


def export(section, path: str) -> None:
    section.session.runner.run(
        lambda: resident_import.export_residents(section.session.context(), path),
        lambda done: section.feedback.show_message(tr(f"已导出 {done[1]} 位村民：{done[0]}",
                                                      f"Exported {done[1]} residents: {done[0]}"), "ok"),
        section._refused)


_FORMS = {"edit": _edit, "move": _move, "split": _split, "merge": _merge, "reissue": _reissue}
