# Type-annotated code as people write it: typing names in signatures, Optional/Union/List/Dict,
# NamedTuple classes, TypedDict-free dict records, __post_init__, ordering dataclasses.
from typing import List, Dict, Optional, Tuple, Union, Iterable, Callable, NamedTuple
from dataclasses import dataclass, field, asdict, replace


class Point(NamedTuple):
    x: float
    y: float = 0.0

    def dist(self) -> float:
        return (self.x ** 2 + self.y ** 2) ** 0.5


@dataclass(order=True)
class Student:
    grade: float
    name: str = field(compare=False)
    courses: List[str] = field(default_factory=list, compare=False)
    nickname: Optional[str] = field(default=None, compare=False)

    def __post_init__(self) -> None:
        self.name = self.name.title()


def average(xs: Iterable[float]) -> Optional[float]:
    xs = list(xs)
    return sum(xs) / len(xs) if xs else None


def group(students: List[Student], key: Callable[[Student], str]) -> Dict[str, List[str]]:
    out: Dict[str, List[str]] = {}
    for s in students:
        out.setdefault(key(s), []).append(s.name)
    return out


def parse(line: str) -> Union[Tuple[str, float], None]:
    parts = line.split(":")
    if len(parts) != 2:
        return None
    name, g = parts
    try:
        return name.strip(), float(g)
    except ValueError:
        return None


raw = ["ann smith: 91.5", "bob: 78", "bad line", "cy: x", "dee: 85.25", "ed: 91.5"]
parsed = [p for line in raw if (p := parse(line)) is not None]
print(parsed)
students = [Student(g, n, ["math"] if g > 80 else []) for n, g in parsed]
print(students[0])
print(sorted(students), max(students).name, min(students).name)
print(average(s.grade for s in students), average([]))
print(group(students, lambda s: "A" if s.grade >= 90 else "B"))
print(asdict(students[1]), replace(students[1], grade=99.0).grade)
print(Student(1.0, "x") == Student(1.0, "y"), Student(1.0, "x") < Student(2.0, "a"))
p = Point(3.0, 4.0)
q = Point(1.0)
print(p, q, p.dist(), p._fields, p._asdict(), p + q, p[0], len(p))
x, y = p
print(x, y, Point._make([5, 6]), p._replace(y=0).dist())
print(sorted([Point(2, 1), Point(1, 5), Point(1, 2)]))
ann = average.__annotations__
print(sorted(ann), Student.__annotations__["grade"])
