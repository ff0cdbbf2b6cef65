"""Python's argparse in Chinese: its own English (help headings, `-h`, usage errors), which a
manager at the command line would otherwise read when he mistypes a command. Keyed by
argparse's English text (Python 3.11); a text not here stays as argparse writes it."""

from __future__ import annotations

ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示这段说明后退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s：%(message)s",
    "the following arguments are required: %s": "还缺这些：%s",
    "one of the arguments %s is required": "这几个里要填一个：%s",
    "unrecognized arguments: %s": "看不懂这些：%s（加 -h 看这条命令的写法）",
    "invalid choice: %(value)r (choose from %(choices)s)": "没有 %(value)r 这一项，可以用：%(choices)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有 %(parser_name)r 这个命令，可以用：%(choices)s",
    "invalid %(type)s value: %(value)r": "%(value)r 填得不对",
    "expected one argument": "后面要跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面至少跟一个值",
    "expected %s argument": "后面要跟 %s 个值",
    "expected %s arguments": "后面要跟 %s 个值",
    "not allowed with argument %s": "不能和 %s 一起用",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s 说得不清楚，可能是：%(matches)s",
    "can't open '%(filename)s': %(error)s": "打不开 %(filename)s：%(error)s",
    "ignored explicit argument %r": "多给了 %r，用不上",
}
