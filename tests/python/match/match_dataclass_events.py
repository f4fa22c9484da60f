# Matching a stream of event objects by class and attribute values.
from dataclasses import dataclass
@dataclass
class Key:
    name: str
    ctrl: bool = False
@dataclass
class Click:
    x: int
    y: int
    button: str = "left"
def handle(ev):
    match ev:
        case Key(name="c", ctrl=True):
            return "copy"
        case Key(name=n) if len(n) == 1:
            return f"type {n}"
        case Key(name=n):
            return f"special {n}"
        case Click(x, y, button="right"):
            return f"menu at {x},{y}"
        case Click(x=0) | Click(y=0):
            return "edge click"
        case Click():
            return "click"
for ev in [Key("c", True), Key("a"), Key("Enter"), Click(3, 4, "right"), Click(0, 9), Click(5, 5)]:
    print(handle(ev))
