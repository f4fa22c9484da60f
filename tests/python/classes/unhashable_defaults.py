# Mutable containers are unhashable (their __hash__ is None), so dataclasses rejects them as
# field defaults and collections.abc.Hashable does not match them.
import collections.abc
import dataclasses

print(list.__hash__, dict.__hash__, set.__hash__, bytearray.__hash__)
print(tuple.__hash__ is None, frozenset.__hash__ is None, str.__hash__ is None)
print([isinstance(v, collections.abc.Hashable) for v in ([], {}, set(), (), 'a', 1, frozenset())])

for default in ([], {}, set()):
    try:
        @dataclasses.dataclass
        class Bad:
            a: object = default
    except ValueError as e:
        print(e)


@dataclasses.dataclass
class Good:
    a: tuple = ()
    b: list = dataclasses.field(default_factory=list)


print(Good(), Good().b is not Good().b)
