# NotImplementedError from an abstract-style method.
class Base:
    def run(self):
        raise NotImplementedError("subclasses must implement run")
class Impl(Base):
    def run(self):
        return "ran"
print(Impl().run())
Base().run()
