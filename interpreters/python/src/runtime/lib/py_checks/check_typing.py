import typing as t
from typing import List, Dict, Optional, Union, Any, Callable, TypeVar, Generic, NamedTuple, TypedDict, Tuple
import collections.abc as cabc

T = t.TypeVar('T')
print(t.List[int], t.Optional[int], t.Union[int, str], t.Dict[str, t.List[int]], t.Tuple[int, ...], t.Callable[[int], str])
print(t.Any, T, t.Optional[t.Union[int, str]], t.Union[int], t.Set, t.Callable[..., int], t.Literal['a', 1], t.Type[int])
print(t.ClassVar[int], t.Final[int], t.Iterable[int], t.Union[int, None], t.Optional[t.Any], t.List[int] == t.List[int])
print(t.Union[int, str] == t.Union[str, int], isinstance([], t.List), t.get_origin(t.List[int]), t.get_args(t.Dict[str, int]))
try:
    isinstance([], t.List[int])
except TypeError as e:
    print(e)

class Stack(Generic[T]):
    def __init__(self):
        self.items: List[T] = []
    def push(self, item: T) -> None:
        self.items.append(item)
s = Stack[int]()
s.push(1)
print(s.items, Stack.__parameters__, isinstance(s, Stack))

class P(NamedTuple):
    x: int
    y: int = 0
    def norm(self):
        return self.x + self.y
print(P(1), P(1, 2).norm(), P._fields, P(3)._replace(y=4), P.__annotations__)

class M(TypedDict):
    name: str
    year: int
print(M(name='x', year=1), type(M(name='x')).__name__)
print(t.cast(int, '3'), t.NewType('UserId', int)(5), t.TYPE_CHECKING)

def f(a: int, b: 'str' = 'x') -> Optional[int]:
    return None
print(t.get_type_hints(f))

@t.overload
def g(x: int) -> int: ...
def g(x):
    return x
print(g(3))

print(isinstance([], cabc.Sequence), isinstance({}, cabc.Mapping), isinstance(iter([]), cabc.Iterator), isinstance(5, cabc.Hashable))
print(isinstance([], cabc.Hashable), issubclass(dict, cabc.MutableMapping), isinstance((x for x in []), cabc.Generator), isinstance(len, cabc.Callable))
class MyMap(cabc.Mapping):
    def __init__(self, d): self.d = d
    def __getitem__(self, k): return self.d[k]
    def __len__(self): return len(self.d)
    def __iter__(self): return iter(self.d)
mm = MyMap({'a': 1, 'b': 2})
print(mm.get('a'), 'b' in mm, list(mm.keys()), list(mm.items()), list(mm.values()), mm == {'a': 1, 'b': 2}, len(mm))
class MySeq(cabc.Sequence):
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i * 10
    def __len__(self): return 3
q = MySeq()
print(list(q), 20 in q, q.index(10), q.count(0), list(reversed(q)))
try:
    cabc.Sequence()
except TypeError as e:
    print(e)
class Box:
    def __iter__(self): return iter([1])
print(isinstance(Box(), cabc.Iterable), isinstance(Box(), cabc.Sized))
