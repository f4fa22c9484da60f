# A small tokenizer and recursive-descent calculator for arithmetic expressions.
import re
TOKEN = re.compile(r"\s*(?:(\d+\.?\d*)|(.))")
def tokenize(text):
    tokens = []
    for number, op in TOKEN.findall(text):
        if number:
            tokens.append(("num", float(number) if "." in number else int(number)))
        elif op.strip():
            tokens.append(("op", op))
    tokens.append(("end", None))
    return tokens
class Parser:
    def __init__(self, tokens):
        self.tokens, self.pos = tokens, 0
    def peek(self):
        return self.tokens[self.pos]
    def take(self):
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok
    def expr(self):
        value = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            rhs = self.term()
            value = value + rhs if op == "+" else value - rhs
        return value
    def term(self):
        value = self.factor()
        while self.peek() in (("op", "*"), ("op", "/"), ("op", "%")):
            op = self.take()[1]
            rhs = self.factor()
            if op == "*":
                value *= rhs
            elif op == "/":
                value /= rhs
            else:
                value %= rhs
        return value
    def factor(self):
        kind, v = self.take()
        if kind == "num":
            if self.peek() == ("op", "^"):
                self.take()
                return v ** self.factor()
            return v
        if v == "-":
            return -self.factor()
        if v == "(":
            value = self.expr()
            if self.take() != ("op", ")"):
                raise SyntaxError("expected )")
            return value
        raise SyntaxError(f"unexpected {v!r}")
for text in ["1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-4 + 10 / 4", "7 % 3 * 1.5", "((2))", "2 * (3 + 4) * 5 - 1", "1 +", "3 $ 4"]:
    try:
        print(text, "=", Parser(tokenize(text)).expr())
    except (SyntaxError, ZeroDivisionError) as e:
        print(text, "->", type(e).__name__, e)
print(tokenize("12+3.5*(4)"))
