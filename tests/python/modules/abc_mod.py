# abc: abstract methods block instantiation until implemented; register virtual subclasses.
from abc import ABC, abstractmethod
class Stream(ABC):
    @abstractmethod
    def read(self): ...
    @abstractmethod
    def write(self, data): ...
class Half(Stream):
    def read(self): return "data"
class Full(Half):
    def write(self, data): return len(data)
for cls in [Stream, Half, Full]:
    try:
        obj = cls()
        print(cls.__name__, "ok", obj.read(), obj.write("abc"))
    except TypeError as e:
        print("TypeError:", e)
class Other: pass
Stream.register(Other)
print(issubclass(Other, Stream), isinstance(Other(), Stream))
