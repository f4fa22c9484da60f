# A tokenizer and recursive-descent calculator: match statements, walrus, enums, dataclasses,
# exceptions with positions, and dict dispatch tables.
import re
import operator
from dataclasses import dataclass
from enum import Enum, auto


class Kind(Enum):
    NUM = auto()
    OP = auto()
    LPAREN = auto()
    RPAREN = auto()
    NAME = auto()


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str
    pos: int


class CalcError(Exception):
    def __init__(self, msg, pos):
        super().__init__(f"{msg} at {pos}")
        self.pos = pos


TOKEN_RE = re.compile(r"\s*(?:(\d+\.?\d*)|([-+*/^%])|(\()|(\))|([a-z]+))")


def tokenize(src):
    pos = 0
    out = []
    while pos < len(src):
        if not (m := TOKEN_RE.match(src, pos)):
            raise CalcError(f"bad character {src[pos]!r}", pos)
        num, op, lp, rp, name = m.groups()
        start = m.start(m.lastindex)
        if num:
            out.append(Token(Kind.NUM, num, start))
        elif op:
            out.append(Token(Kind.OP, op, start))
        elif lp:
            out.append(Token(Kind.LPAREN, lp, start))
        elif rp:
            out.append(Token(Kind.RPAREN, rp, start))
        else:
            out.append(Token(Kind.NAME, name, start))
        pos = m.end()
        if src[pos:].strip() == "":
            break
    return out


OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
       "%": operator.mod, "^": operator.pow}
PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "%": 2, "^": 3}
CONSTS = {"pi": 3.141592653589793, "e": 2.718281828459045, "answer": 42}


class Parser:
    def __init__(self, tokens):
        self.toks = tokens
        self.i = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else None

    def next(self):
        t = self.peek()
        self.i += 1
        return t

    def atom(self):
        t = self.next()
        match t:
            case None:
                raise CalcError("unexpected end", -1)
            case Token(kind=Kind.NUM, text=text):
                return float(text) if "." in text else int(text)
            case Token(kind=Kind.NAME, text=name) if name in CONSTS:
                return CONSTS[name]
            case Token(kind=Kind.NAME, text=name, pos=p):
                raise CalcError(f"unknown name {name}", p)
            case Token(kind=Kind.LPAREN):
                v = self.expr(0)
                if (c := self.next()) is None or c.kind is not Kind.RPAREN:
                    raise CalcError("expected )", t.pos)
                return v
            case Token(kind=Kind.OP, text="-"):
                return -self.atom()
            case _:
                raise CalcError(f"unexpected {t.text!r}", t.pos)

    def expr(self, min_prec):
        left = self.atom()
        while (t := self.peek()) is not None and t.kind is Kind.OP and PREC[t.text] > min_prec - (t.text == "^"):
            if PREC[t.text] < min_prec:
                break
            self.next()
            right = self.expr(PREC[t.text] + (0 if t.text == "^" else 1))
            left = OPS[t.text](left, right)
        return left


def calc(src):
    p = Parser(tokenize(src))
    v = p.expr(0)
    if p.peek() is not None:
        raise CalcError("trailing input", p.peek().pos)
    return v


for src in ["1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "10 / 4", "7 % 3 + answer", "-(2 + 3) * pi",
            "2 * (3", "4 $ 4", "foo + 1", "1 / 0", "3 4"]:
    try:
        r = calc(src)
        print(f"{src:<16} = {r:.6g}" if isinstance(r, float) else f"{src:<16} = {r}")
    except CalcError as e:
        print(f"{src:<16} ! {e} (pos {e.pos})")
    except ZeroDivisionError as e:
        print(f"{src:<16} ! {type(e).__name__}: {e}")
print(tokenize("1+x")[1], Kind.NUM, Kind.NUM.name, Kind.NUM.value, list(Kind)[:2], Kind["OP"])
t = Token(Kind.NUM, "1", 0)
try:
    t.text = "2"
except Exception as e:
    print(type(e).__name__, e)
print(hash(t) == hash(Token(Kind.NUM, "1", 0)), t == Token(Kind.NUM, "1", 0))


def describe(x):
    match x:
        case 0 | 1:
            return "tiny"
        case int(n) if n < 0:
            return "negative"
        case [a, b]:
            return f"pair {a},{b}"
        case [first, *others]:
            return f"list starting {first} (+{len(others)})"
        case {"type": "point", "x": px, **rest}:
            return f"point x={px} rest={rest}"
        case str() as s:
            return f"string {s!r}"
        case _:
            return "other"


for x in [0, -5, [1, 2], [1, 2, 3], {"type": "point", "x": 3, "y": 4}, "s", 3.5]:
    print(describe(x))
