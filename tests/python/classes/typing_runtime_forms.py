# Runtime forms a 3.10/3.11 program meets in annotations and class definitions: PEP 585
# aliases (list[int]), PEP 604 unions (int | None), metaclass __repr__/__str__.
import inspect
import types


def f(a: list[int], b: dict[str, int] | None = None) -> tuple[int, ...]:
    return tuple(a)


print(f([1, 2]), f.__annotations__)
print(inspect.signature(f))
print(list[int], dict[str, list[int]], tuple[int, ...], type[int], list[int]([3]))
print(list[int] == list[int], list[int] == list[str])


class Box:
    item: int | None = None
    names: list[str] = []


print(Box.__annotations__, Box.item)


class Ints(list[int]):
    pass


print(Ints([1, 2]), [c.__name__ for c in Ints.__mro__])

print(int | str, int | None, None | int, list[int] | None, int | str | int)
print((int | str) == (str | int), type(int | str) is types.UnionType, int | int)
print(isinstance(1, int | str), isinstance(None, int | None), isinstance(1.5, int | str))
print(issubclass(bool, int | str), issubclass(float, int | str))


class Meta(type):
    def __repr__(cls):
        return f'<Meta {cls.__name__}>'


class WithMeta(metaclass=Meta):
    pass


class StrMeta(type):
    def __str__(cls):
        return 'str-' + cls.__name__


class WithStr(metaclass=StrMeta):
    pass


print(WithMeta, [WithMeta], f'{WithMeta!r}', str(WithMeta))
print(WithStr, [WithStr], str(WithStr))
