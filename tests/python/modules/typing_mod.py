# typing annotations are accepted at run time and do not affect behaviour.
from typing import List, Dict, Optional, Tuple, Union, Callable, Any, Iterator, TypeVar, Generic
T = TypeVar("T")
def first(items: List[T]) -> Optional[T]:
    return items[0] if items else None
def apply(f: Callable[[int], int], xs: Tuple[int, ...]) -> Dict[str, Any]:
    return {"result": [f(x) for x in xs]}
def count(n: int) -> Iterator[int]:
    yield from range(n)
class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item
v: Union[int, str] = "text"
print(first([3, 4]), first([]), apply(lambda x: x + 1, (1, 2)), list(count(3)), Box(5).item, v)
