"""Generated adversarial sources: each the smallest text that shows one limit."""

from __future__ import annotations

TITLE = "自治体における様々な取組事例"
SENTENCE = "相談支援の入口で生活困窮の状況を丁寧に聞き取り、関係機関と連携して支援計画を作成した。"


def source(*lines: str, title: str = TITLE) -> str:
    """A source: the title, then ``lines`` separated by blank lines."""
    return "\n\n".join([title, *lines]) + "\n"


def one_case(text: str, actor: str = "鳥羽市") -> str:
    return source("1. 新規相談・プラン作成", "(相談機関としての役割)", f"- {text}【{actor}】")


def long_case(characters: int = 3500) -> str:
    """One case of ``characters`` characters: longer than an A4 page of the handout."""
    return one_case((SENTENCE * (characters // len(SENTENCE) + 1))[:characters])


def many_cases_of_one_actor(count: int = 400, actor: str = "鳥羽市") -> str:
    cases = [f"- 事例{i}として相談窓口の工夫を行った。【{actor}】" for i in range(1, count + 1)]
    return source("1. 新規相談・プラン作成", "(相談機関としての役割)", "\n".join(cases))


def repeated(text: str, characters: int) -> str:
    return (text * (characters // len(text) + 1))[:characters]
